package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.responses.ResponsesSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code responses:} section: how long stored responses are kept. */
class ResponsesConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    @Test
    void retentionIsReadAndDefaultsToThirtyDays() {
        ConfigLoader.Loaded loaded = parse("""
                responses:
                  retention_days: 7
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        assertEquals(new ResponsesSettings(7), loaded.config().responses());
        assertEquals(new ResponsesSettings(0), parse("responses: {retention_days: 0}\nmodels: []").config().responses());
        assertEquals(30, parse("models: []").config().responses().retentionDays());
        assertEquals(ResponsesSettings.DEFAULTS, parse("model_list: []").config().responses(),
                "LiteLLM files get the default");
    }

    @Test
    void wrongResponsesSettingsAreNamed() {
        String problems = parse("""
                responses:
                  retention_days: -1
                  keep: forever
                models: []
                """).problems().toString();
        assertTrue(problems.contains("responses.retention_days"), problems);
        assertTrue(problems.contains("keep"), problems);
        assertTrue(parse("responses: {retention_days: 36501}\nmodels: []").problems().toString()
                .contains("responses.retention_days"));
    }
}
