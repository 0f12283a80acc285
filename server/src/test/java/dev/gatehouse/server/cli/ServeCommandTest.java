package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.selfcheck.ProcessUser;
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
        assertEquals(1, run("serve", "--allow-root", "--config", file.toString(), "--data-dir",
                dir.resolve("data").toString()));
        String said = err.toString();
        assertTrue(said.contains("models[0]") && said.contains("nothing was started"), said);
        assertFalse(said.contains("sk-this-is-a-literal-key-0123456789"), "the key is never printed");
        assertEquals("", out.toString());
    }

    /**
     * As root (CI runs as root) serve refuses to start without --allow-root, before it opens the store;
     * as any other user the refusal never comes, and the same bad file is what stops it.
     */
    @Test
    void rootIsRefusedUnlessAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gatehouse.yaml");
        Files.writeString(file, """
                models:
                  - name: gpt
                    provider: openai
                    model: gpt-4o
                    api_key: sk-this-is-a-literal-key-0123456789
                """);
        Path data = dir.resolve("data");
        assertEquals(1, run("serve", "--config", file.toString(), "--data-dir", data.toString()));
        if (ProcessUser.isRoot()) {
            assertTrue(err.toString().contains("refusing to run as root") && err.toString().contains("--allow-root"),
                    err.toString());
            assertFalse(Files.exists(data), "nothing was opened");
        } else {
            assertFalse(err.toString().contains("root"), err.toString());
            assertTrue(err.toString().contains("nothing was started"), err.toString());
        }
    }
}
