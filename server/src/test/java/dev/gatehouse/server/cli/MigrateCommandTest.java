package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.migrate.litellm.LiteLlmFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse migrate litellm} from the command line, into an embedded store. */
class MigrateCommandTest {

    private static final String PASSWORD = "Pw-N0t-Pr1nted@x/y";

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = System.getenv();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void aDryRunThenAnApplyThenNothingNewWithTheUrlFromTheEnvironmentAndNoPasswordShown() {
        LiteLlmFixture litellm = LiteLlmFixture.load();
        StoreOptions.environment = Map.of("DATABASE_URL", litellm.prismaUrl(PASSWORD));
        String data = dir.resolve("data").toString();

        assertEquals(0, run("migrate", "litellm", "--data-dir", data), err.toString());
        assertTrue(out.toString().contains("Dry run: nothing was written"), out.toString());
        assertTrue(out.toString().contains("import            key      alice-laptop"), out.toString());

        assertEquals(0, run("migrate", "litellm", "--data-dir", data, "--apply", "--key-expiry", "14d", "--json"),
                err.toString());
        JsonNode report = Json.parseUpstream(out.toString(), "test");
        assertFalse(report.path("dry_run").asBoolean());
        assertEquals(3, report.path("summary").path("imported").path("key").asInt(), out.toString());

        assertEquals(0, run("keys", "list", "--data-dir", data));
        assertTrue(out.toString().contains("LITELLM SECRET UNTIL"), out.toString());
        assertTrue(out.toString().lines().filter(line -> line.contains("alice-laptop")).findFirst().orElseThrow()
                .matches(".*\\d{4}-\\d\\d-\\d\\dT.*"), out.toString());

        String alice = null;
        for (JsonNode item : report.path("items")) {
            if (item.path("name").asText().equals("alice-laptop")) {
                alice = item.path("gatehouse_id").asText();
            }
        }
        assertEquals(0, run("keys", "rotate", alice, "--grace-hours", "0", "--data-dir", data), err.toString());
        assertTrue(out.toString().lines().anyMatch(line -> line.startsWith("gtw_vk_")), out.toString());
        assertEquals(0, run("keys", "list", "--data-dir", data));
        assertTrue(out.toString().lines().filter(line -> line.contains("alice-laptop")).findFirst().orElseThrow()
                .matches(".* - +gpt-4o"), "rotated: no sk- secret left\n" + out);

        assertEquals(0, run("migrate", "litellm", "--data-dir", data, "--apply"), err.toString());
        assertTrue(out.toString().contains("Nothing new to import."), out.toString());
        assertFalse(out.toString().contains(PASSWORD) || err.toString().contains(PASSWORD));
        assertFalse(out.toString().contains("Pw-N0t"), "nor any part of it");
    }

    @Test
    void aBadUrlOrExpiryIsAClearErrorThatDoesNotRepeatThePassword() {
        StoreOptions.environment = Map.of();
        String data = dir.resolve("data").toString();
        assertEquals(1, run("migrate", "litellm", "--data-dir", data));
        assertTrue(err.toString().contains("give --database-url or set DATABASE_URL"), err.toString());
        assertEquals(1, run("migrate", "litellm", "--data-dir", data, "--database-url",
                "mysql://root:" + PASSWORD + "@db/litellm"));
        assertTrue(err.toString().contains("must start with postgresql://"), err.toString());
        assertEquals(1, run("migrate", "litellm", "--data-dir", data, "--database-url",
                "postgresql://root:Pw-N0t%zzPr1nted@db/litellm"));
        assertTrue(err.toString().contains("LiteLLM's database URL holds a malformed %-escape"), err.toString());
        assertFalse(err.toString().contains("Pw-N0t"), err.toString());
        assertEquals(2, run("migrate", "litellm", "--data-dir", data, "--key-expiry", "soon"));
        assertTrue(err.toString().contains("--key-expiry: 'soon' is not a duration"), err.toString());
    }
}
