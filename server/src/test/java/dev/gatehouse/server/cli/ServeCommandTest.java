package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What {@code gatehouse serve} refuses before it starts anything. */
class ServeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void aBadPortIsAUsageError() {
        assertEquals(2, run("serve", "--port", "70000"));
        assertTrue(err.toString().contains("--port must be between 0 and 65535"), err.toString());
    }

    @Test
    void aMissingConfigIsAUsageError(@TempDir Path dir) {
        assertEquals(2, run("serve", "--config", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("no such file"), err.toString());
    }

    @Test
    void aConfigWithProblemsStartsNothingAndSaysWhy(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatehouse.yaml");
        Files.writeString(file, """
                models:
                  - name: gpt
                    provider: openai
                    model: gpt-4o
                    api_key: sk-this-is-a-literal-key-0123456789
                """);
        assertEquals(1, run("serve", "--config", file.toString(), "--data-dir", dir.resolve("data").toString()));
        String said = err.toString();
        assertTrue(said.contains("models[0]") && said.contains("nothing was started"), said);
        assertFalse(said.contains("sk-this-is-a-literal-key-0123456789"), "the key is never printed");
        assertEquals("", out.toString());
    }
}
