package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The worked example of docs/migrating-from-litellm.md shows what Gatehouse really answers. */
class MigrationGuideTest {

    private static final Pattern BLOCK = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theWorkedExampleMatchesTheLoader() {
        String guide = Configs.read(Path.of("..", "docs", "migrating-from-litellm.md"));
        String example = guide.substring(guide.indexOf("## Worked example"));
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(example);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        String litellm = blocks.get(0);
        String printed = blocks.get(1);
        String gatehouse = blocks.get(2);

        ConfigLoader.Loaded loaded = Configs.loader().parse(litellm, "litellm.yaml");
        StringBuilder output = new StringBuilder();
        loaded.problems().forEach(p -> output.append(p.location()).append(": ").append(p.message()).append('\n'));
        loaded.warnings().forEach(w -> output.append("warning: ").append(w).append('\n'));
        output.append("litellm.yaml: ").append(loaded.problems().size()).append(" problems, ")
                .append(loaded.warnings().size()).append(" warnings\n");
        assertEquals(printed, output.toString());

        String fixed = litellm.replace("      max_tokens: 4096\n", "")
                .replace("api_base: http://localhost:11434\n", "api_base: http://localhost:11434\n"
                        + "      allow_private_network: true\n");
        ConfigLoader.Loaded after = Configs.loader().parse(fixed, "litellm.yaml");
        assertEquals(List.of(), after.problems(), fixed);
        assertEquals(1, after.warnings().size());

        ConfigLoader.Loaded own = Configs.loadOk(gatehouse);
        assertEquals(after.config().deployments().stream().map(d -> d.model() + " " + d.provider() + " "
                + d.upstreamModel() + " " + d.baseUrl() + " " + d.dropParams()).toList(),
                own.config().deployments().stream().map(d -> d.model() + " " + d.provider() + " "
                + d.upstreamModel() + " " + d.baseUrl() + " " + d.dropParams()).toList());
    }
}
