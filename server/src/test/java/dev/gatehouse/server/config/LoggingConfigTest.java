package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.server.logging.LogFormat;
import dev.gatehouse.server.logging.LogLevel;
import dev.gatehouse.server.logging.LoggingSettings;
import org.junit.jupiter.api.Test;

/** The {@code logging:} section: the log's format and level, and the access log's switch. */
class LoggingConfigTest {

    private static LoggingSettings logging(String yaml) {
        return loadOk(yaml).config().observability().logging();
    }

    @Test
    void theSectionIsReadAndDefaultsToTextAtInfoWithAnAccessLog() {
        assertEquals(new LoggingSettings(LogFormat.TEXT, LogLevel.INFO, true), logging("models: []\n"));
        assertEquals(new LoggingSettings(LogFormat.JSON, LogLevel.DEBUG, false), logging("""
                logging:
                  format: json
                  level: debug
                  access_log: false
                models: []
                """));
        assertEquals(new LoggingSettings(LogFormat.TEXT, LogLevel.WARN, true), logging("logging: {level: warn}\n"));
        for (LogLevel level : LogLevel.values()) {
            assertEquals(level, logging("logging: {level: " + level.configName() + "}\n").level());
        }
    }

    @Test
    void liteLlmFilesTakeTheSameSection() {
        LoggingSettings read = Configs.loader().parse("""
                model_list: []
                logging:
                  format: json
                """, "litellm.yaml").config().observability().logging();
        assertEquals(LogFormat.JSON, read.format());
    }

    @Test
    void eachWrongValueIsNamedWithItsLine() {
        assertProblem(load("logging:\n  format: yaml\n"), "logging.format (line 2)", "must be one of json, text");
        assertProblem(load("logging:\n  format: jsno\n"), "logging.format (line 2)", "did you mean 'json'?");
        assertProblem(load("logging:\n  level: warning\n"), "logging.level (line 2)",
                "must be one of error, warn, info, debug, trace");
        assertProblem(load("logging:\n  level: INFO\n"), "logging.level (line 2)", "must be one of");
        assertProblem(load("logging:\n  level: 3\n"), "logging.level (line 2)", "must be a string");
        assertProblem(load("logging:\n  access_log: \"yes\"\n"), "logging.access_log (line 2)",
                "must be true or false");
        assertProblem(load("logging:\n  acces_log: true\n"), "logging.acces_log (line 2)",
                "did you mean 'access_log'?");
        assertProblem(load("logging: json\n"), "logging (line 1)", "must be a map");
    }
}
