package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code access_groups}: a list of names, none of them a model's, gathered per model. */
class AccessGroupsTest {

    private static String model(String name, String groups) {
        return "  - name: " + name + "\n    provider: mock\n    model: gatehouse-mock\n    access_groups: " + groups + "\n";
    }

    @Test
    void aModelBelongsToTheGroupsOfItsDeployments() {
        GatehouseConfig config = loadOk("models:\n" + model("a", "[fast, general]") + model("b", "[general]")).config();
        assertEquals(Set.of("fast", "general"), config.accessGroupsOf("a"));
        assertEquals(Set.of("general"), config.accessGroupsOf("b"));
        assertEquals(Set.of(), config.accessGroupsOf("unknown"));
    }

    @Test
    void badGroupsAreProblemsThatSayWhy() {
        assertProblemAt(load("models:\n" + model("a", "fast")), "models[0].access_groups",
                "must be a list of access group names");
        assertProblemAt(load("models:\n" + model("a", "['*']")), "models[0].access_groups[0]",
                "an access group name is 1 to 200 letters");
        assertProblemAt(load("models:\n" + model("a", "[7]")), "models[0].access_groups[0]",
                "an access group name is 1 to 200 letters");
        assertProblemAt(load("models:\n" + model("a", "[b]") + model("b", "[x]")), "models[0].access_groups[0]",
                "'b' is also a model name");
    }
}
