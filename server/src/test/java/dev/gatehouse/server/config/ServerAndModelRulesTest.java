package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The server section, the defaults section and the models list. */
class ServerAndModelRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port: 65536                     | must be a whole number from 0 to 65535",
        "port: -1                        | must be a whole number from 0 to 65535",
        "port: '4000'                    | must be a whole number from 0 to 65535",
        "port: 4000.5                    | must be a whole number from 0 to 65535",
        "max_body_bytes: 1023            | must be a whole number from 1024 to 1073741824",
        "max_body_bytes: 1073741825      | must be a whole number from 1024 to 1073741824",
        "max_messages: 0                 | must be a whole number from 1 to 100000",
        "max_header_bytes: 512           | must be a whole number from 1024 to 1048576",
        "drain_timeout_seconds: 3601     | must be a whole number from 0 to 3600",
        "host: ''                        | must be an address or host name to listen on",
        "host: 'local host'              | must be an address or host name to listen on",
        "host: 127                       | must be a string",
    })
    void serverSettingsOutOfRangeAreProblems(String setting, String message) {
        String key = setting.substring(0, setting.indexOf(':'));
        assertProblem(load("server:\n  " + setting + "\n"), "server." + key + " (line 2)", message);
    }

    @Test
    void hugeNumbersAreOutOfRangeNotWrappedAround() {
        assertProblem(load("server:\n  port: 18446744073709551617\n"), "server.port (line 2)",
                "must be a whole number from 0 to 65535");
    }

    @Test
    void sectionsMustBeMaps() {
        assertProblem(load("server: 4000\n"), "server (line 1)", "must be a map of keys and values");
        assertProblem(load("defaults: [true]\n"), "defaults (line 1)", "must be a map of keys and values");
        assertProblem(load("models: {name: m}\n"), "models (line 1)", "must be a list of models");
        assertProblem(load("models:\n  - m\n"), "models[0] (line 2)", "must be a map with a name");
    }

    @Test
    void defaultsAreCheckedLikeDeploymentSettings() {
        ConfigLoader.Loaded loaded = load("""
                defaults:
                  drop_params: sometimes
                  timeout_seconds: 0
                """);
        assertProblem(loaded, "defaults.drop_params (line 2)", "must be true or false");
        assertProblem(loaded, "defaults.timeout_seconds (line 3)", "must be a number of seconds from 1 to 3600");
    }

    @Test
    void plaintextPermissionMustBeABoolean() {
        assertProblem(load("allow_plaintext_credentials: 'yes please'\n"), "allow_plaintext_credentials (line 1)",
                "must be true or false");
    }

    @Test
    void modelNamesFollowTheRules() {
        assertNameProblem("\"\"", "must not be empty");
        assertNameProblem("\"a\\x07b\"", "must not contain control characters");
        assertNameProblem("\"line\\nbreak\"", "must not contain control characters");
        assertNameProblem("\" padded\"", "must not start or end with a space");
        assertNameProblem("42", "must be a string");
    }

    private static void assertNameProblem(String yamlName, String message) {
        assertProblem(load("models:\n  - name: " + yamlName + "\n    provider: mock\n    model: m\n"),
                "models[0].name (line 2)", message);
    }

    @Test
    void modelNamesAreAtMost256Characters() {
        String ok = "m".repeat(256);
        Configs.loadOk("models:\n  - name: " + ok + "\n    provider: mock\n    model: m\n");
        assertProblem(load("models:\n  - name: " + ok + "x\n    provider: mock\n    model: m\n"),
                "models[0].name (line 2)", "must be at most 256 characters, got 257");
    }

    @Test
    void aModelNeedsAName() {
        assertProblem(load("models:\n  - provider: mock\n    model: m\n"), "models[0].name (line 2)", "required");
    }

    @Test
    void aModelNameIsDefinedOnce() {
        assertProblem(load("""
                models:
                  - name: m
                    provider: mock
                    model: a
                  - name: m
                    provider: mock
                    model: b
                """), "models[1].name (line 5)", "the model 'm' is already defined at models[0]");
    }

    @Test
    void aModelHasEitherADeploymentListOrOneInlineDeployment() {
        assertProblem(load("""
                models:
                  - name: m
                    provider: mock
                    deployments:
                      - provider: mock
                        model: m
                """), "models[0] (line 2)", "give either a deployments: list or one deployment's settings inline");
        assertProblem(load("models:\n  - name: m\n"), "models[0].deployments (line 2)",
                "required: a list of deployments");
        assertProblem(load("models:\n  - name: m\n    deployments: []\n"), "models[0].deployments (line 3)",
                "must be a list of at least one deployment");
        assertProblemAt(load("models:\n  - name: m\n    deployments:\n      - mock\n"), "models[0].deployments[0]",
                "must be a map with a provider and a model");
    }
}
