package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse config check FILE}, run as the command line runs it. */
class ConfigCheckCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    @Test
    void aValidFileExitsZeroWithASummary() throws IOException {
        Path key = Files.writeString(dir.resolve("k.key"), "sk-cli-Secret91\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = write("gatehouse.yaml", """
                models:
                  - name: a
                    provider: mock
                    model: m
                  - name: b
                    deployments:
                      - provider: openai
                        model: gpt-4o
                        api_key: file:%s
                      - provider: mock
                        model: m
                """.formatted(key));
        assertEquals(0, run("config", "check", file.toString()));
        assertEquals(file + ": valid; 2 models, 3 deployments, 0 warnings\n", out.toString());
        assertEquals("", err.toString());
    }

    @Test
    void anInferredProviderIsPrintedAsANote() throws IOException {
        Path key = Files.writeString(dir.resolve("k.key"), "sk-cli-Secret91\n");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        Path file = write("gatehouse.yaml", """
                models:
                  - name: a
                    model: gpt-4o
                    api_key: file:%s
                """.formatted(key));
        assertEquals(0, run("config", "check", file.toString()));
        assertEquals("note: models[0].model (line 3): provider openai inferred for 'gpt-4o'; write provider: openai"
                + " to say so\n" + file + ": valid; 1 model, 1 deployment, 0 warnings\n", out.toString());
    }

    @Test
    void problemsArePrintedWithTheirLocationsAndExitOne() throws IOException {
        Path file = write("bad.yaml", """
                server:
                  port: 70000
                allow_plaintext_credentials: true
                models:
                  - name: a
                    provider: opnai
                    model: gpt-4o
                  - name: b
                    provider: openai
                    model: gpt-4o
                    api_key: sk-cli-Literal55
                """);
        assertEquals(1, run("config", "check", file.toString()));
        assertEquals("""
                server.port (line 2): must be a whole number from 0 to 65535
                models[0].provider (line 6): unknown provider 'opnai' (did you mean 'openai'?); known providers: %s
                warning: models[1].api_key (line 11): a credential is written into the configuration file (allowed by \
                allow_plaintext_credentials: true); anyone who can read the file can use it; prefer env:NAME or \
                file:/path
                %s: 2 problems, 1 warning
                """.formatted(String.join(", ", dev.gatehouse.provider.Providers.ids()), file), out.toString());
        assertFalse(out.toString().contains("Literal55"));
    }

    @Test
    void aLiteLlmFileIsCheckedToo() throws IOException {
        Path file = write("litellm.yaml", """
                model_list:
                  - model_name: m
                    litellm_params:
                      model: ollama/llama3
                      api_base: http://localhost:11434
                      allow_private_network: true
                      rpm: 10
                      order: 1
                """);
        assertEquals(0, run("config", "check", file.toString()));
        assertTrue(out.toString().startsWith("warning: model_list[0].litellm_params.order (line 8): not supported yet"),
                out.toString());
        assertTrue(out.toString().endsWith(": valid; 1 model, 1 deployment, 1 warning\n"), out.toString());
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertEquals(2, run("config", "check", dir.resolve("absent.yaml").toString()));
        assertTrue(err.toString().contains("no such file: "), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void missingArgumentsAreUsageErrors() {
        assertEquals(2, run("config", "check"));
        assertTrue(err.toString().contains("Missing required parameter: 'FILE'"), err.toString());
        assertEquals(2, run("config"));
        assertTrue(err.toString().contains("Missing subcommand"), err.toString());
    }
}
