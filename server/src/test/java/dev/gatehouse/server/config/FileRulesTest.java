package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file as a whole: reading it, its YAML, unknown keys, and reporting everything at once. */
class FileRulesTest {

    @Test
    void aYamlSyntaxErrorIsReportedAtItsLineWithoutQuotingTheFile() {
        ConfigLoader.Loaded loaded = load("""
                models:
                  - name: x
                    api_key: sk-live-Hidden42: oops
                """);
        assertProblem(loaded, "gatehouse.yaml (line 3, column 30)", "not valid YAML: mapping values are not allowed");
        assertFalse(loaded.problems().toString().contains("Hidden42"), "the excerpt of the line is left out");
    }

    @Test
    void aKeyGivenTwiceIsAProblemNotASilentOverride() {
        assertProblem(load("""
                server:
                  port: 4000
                  port: 4001
                """), "server.port (line 3)", "the key 'port' is given twice");
    }

    @Test
    void aliasesAreRefusedBecauseTheyWouldBeReadAsTheirName() {
        assertProblem(load("""
                defaults:
                  timeout_seconds: &t 30
                models:
                  - name: m
                    provider: mock
                    model: m
                    timeout_seconds: *t
                """), "models[0].timeout_seconds (line 7)", "YAML aliases (*name) are not supported");
    }

    @Test
    void anEmptyFileIsAProblem() {
        assertProblem(load("# only a comment\n"), "gatehouse.yaml", "the file is empty");
    }

    @Test
    void theTopLevelMustBeAMap() {
        assertProblem(load("- a\n- b\n"), "gatehouse.yaml (line 1)", "must be a map of settings");
    }

    @Test
    void onlyOneDocumentIsRead() {
        assertProblem(load("server:\n  port: 1\n---\nserver:\n  port: 2\n"), "gatehouse.yaml (line 4)",
                "more than one YAML document");
    }

    @Test
    void bothFormatsInOneFileIsAProblem() {
        assertProblem(load("models: []\nmodel_list: []\n"), "gatehouse.yaml (line 1)",
                "holds both models: (Gatehouse's format) and model_list: (LiteLLM's)");
    }

    @Test
    void unknownKeysAreNamedWithTheKeyThatWasMeant() {
        ConfigLoader.Loaded loaded = load("""
                servr:
                  port: 4000
                server:
                  prot: 4000
                defaults:
                  drop_param: true
                models:
                  - name: m
                    deployment:
                      - provider: mock
                  - name: n
                    deployments:
                      - provider: mock
                        model: m
                        bse_url: https://example.com
                        colour: blue
                """);
        assertProblem(loaded, "servr (line 1)", "unknown key 'servr' (did you mean 'server'?)");
        assertProblem(loaded, "server.prot (line 4)", "unknown key 'prot' (did you mean 'port'?)");
        assertProblem(loaded, "defaults.drop_param (line 6)", "(did you mean 'drop_params'?)");
        assertProblem(loaded, "models[0].deployment (line 9)", "(did you mean 'deployments'?)");
        assertProblem(loaded, "models[1].deployments[0].bse_url (line 15)", "(did you mean 'base_url'?)");
        assertProblem(loaded, "models[1].deployments[0].colour (line 16)",
                "unknown key 'colour'; known keys here: provider, model, base_url");
    }

    @Test
    void everyProblemIsReportedInFileOrder() {
        ConfigLoader.Loaded loaded = load("""
                server:
                  port: 99999
                models:
                  - name: a
                    provider: opnai
                    model: gpt-4o
                  - name: ""
                    provider: openai
                    model: gpt-4o
                    api_key: secret:openai
                  - name: c
                    deployments:
                      - provider: vllm
                        model: m
                        timeout_seconds: 0
                defaults:
                  timeout_seconds: -1
                """);
        assertEquals(List.of(
                "server.port (line 2)",
                "models[0].provider (line 5)",
                "models[1].name (line 7)",
                "models[1].api_key (line 10)",
                "models[2].deployments[0].base_url (line 13)",
                "models[2].deployments[0].timeout_seconds (line 15)",
                "defaults.timeout_seconds (line 17)"), Configs.locations(loaded));
        assertNull(loaded.config());
    }

    @Test
    void aMissingFileIsAProblemNotAnException(@TempDir Path dir) {
        ConfigLoader.Loaded loaded = Configs.loader().load(dir.resolve("absent.yaml"));
        assertProblem(loaded, "absent.yaml", "the file does not exist");
        assertProblem(Configs.loader().load(dir), dir.getFileName().toString(), "is not a regular file");
    }

    @Test
    void aFileIsReadAsStrictUtf8WithinASizeLimit(@TempDir Path dir) throws IOException {
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'a', ':', ' ', (byte) 0xe9, '\n'});
        assertProblem(Configs.loader().load(latin1), "latin1.yaml", "not UTF-8");
        Path big = Files.writeString(dir.resolve("big.yaml"), "#".repeat(ConfigLoader.MAX_FILE_BYTES + 1));
        assertProblem(Configs.loader().load(big), "big.yaml", "larger than 1048576 bytes");
        Path good = Files.writeString(dir.resolve("good.yaml"), "\uFEFFmodels:\n  - {name: m, provider: mock, model: m}\n");
        assertEquals(1, Configs.loader().load(good).config().deployments().size(), "a byte order mark is fine");
    }
}
