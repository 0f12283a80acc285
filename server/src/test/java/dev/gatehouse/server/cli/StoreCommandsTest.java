package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.SecretParts;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse secrets}, {@code admin bootstrap} and {@code audit verify} against an embedded store. */
class StoreCommandsTest {

    private static final String VALUE = "sk-ant-api03-StoredByTheCli-Pq72Wd";

    @TempDir
    Path dir;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        if (!args[1].equals("new-master-key")) {
            all.addAll(java.util.List.of("--data-dir", dir.resolve("data").toString()));
            if (Files.exists(dir.resolve("master.keys"))) {
                all.addAll(java.util.List.of("--master-key-file", dir.resolve("master.keys").toString()));
            }
        }
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void aCredentialGoesInFromStandardInputAndNeverComesOut() {
        assertEquals(1, run("secrets", "list"), "no master key yet");
        assertTrue(err.toString().contains("stored credentials need a master key"), err.toString());
        assertEquals(0, run("secrets", "new-master-key", dir.resolve("master.keys").toString()));
        assertEquals(1, run("secrets", "new-master-key", dir.resolve("master.keys").toString()), "never overwritten");
        SecretsCommand.stdin = new ByteArrayInputStream((VALUE + "\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(0, run("secrets", "put", "anthropic"));
        assertTrue(out.toString().contains("secret:anthropic"), out.toString());
        assertEquals(0, run("secrets", "list"));
        assertTrue(out.toString().contains("anthropic") && out.toString().contains("never"), out.toString());
        SecretParts.assertAbsent(out.toString() + err.toString(), VALUE, "secrets list");
        try (ControlPlane control = ControlPlane.open(StoreSettings.embedded(dir.resolve("data")),
                Optional.of(MasterKeyring.read(dir.resolve("master.keys"))), Duration.ofSeconds(1))) {
            assertEquals(VALUE, control.requireVault().get("anthropic").orElseThrow().reveal());
        }
        SecretsCommand.stdin = new ByteArrayInputStream(new byte[0]);
        assertEquals(1, run("secrets", "put", "empty"));
        assertEquals(0, run("secrets", "delete", "anthropic"));
        assertEquals(1, run("secrets", "delete", "anthropic"));
    }

    @Test
    void theMasterKeyRotatesAndTheOldOneRetires() throws Exception {
        run("secrets", "new-master-key", dir.resolve("master.keys").toString());
        String oldId = MasterKeyring.read(dir.resolve("master.keys")).primary().id();
        SecretsCommand.stdin = new ByteArrayInputStream(VALUE.getBytes(StandardCharsets.UTF_8));
        run("secrets", "put", "anthropic");
        assertEquals(1, run("secrets", "retire-master", MasterKeyring.read(dir.resolve("master.keys")).primary().id()),
                "the primary can not be retired");
        assertEquals(0, run("secrets", "rotate-master"), err.toString());
        assertTrue(out.toString().contains("re-wrapped 1 credential"), out.toString());
        MasterKeyring both = MasterKeyring.read(dir.resolve("master.keys"));
        assertEquals(2, both.ids().size());
        assertEquals(0, run("secrets", "retire-master", oldId), err.toString());
        MasterKeyring after = MasterKeyring.read(dir.resolve("master.keys"));
        assertEquals(1, after.ids().size());
        assertFalse(after.ids().contains(oldId));
        try (ControlPlane control = ControlPlane.open(StoreSettings.embedded(dir.resolve("data")), Optional.of(after),
                Duration.ofSeconds(1))) {
            assertEquals(VALUE, control.requireVault().get("anthropic").orElseThrow().reveal());
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("master.keys"))));
    }

    @Test
    void bootstrapMakesOneOwnerKeyAndTheAuditLogVerifies() throws Exception {
        assertEquals(0, run("admin", "bootstrap"));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("data"))), "the data directory is its owner's only");
        Matcher key = Pattern.compile("gtw_ak_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{6}").matcher(out.toString());
        assertTrue(key.find(), out.toString());
        assertEquals(1, run("admin", "bootstrap"), "only once");
        assertTrue(err.toString().contains("exists already"), err.toString());
        assertEquals(0, run("audit", "verify"));
        assertTrue(out.toString().startsWith("Intact: 1 entries; head 1:"), out.toString());
        String head = out.toString().substring(out.toString().indexOf("head ") + 5).strip();
        assertEquals(0, run("audit", "verify", "--expect-head", head));
        assertEquals(1, run("audit", "verify", "--expect-head", "1:" + "0".repeat(64)));
        assertTrue(out.toString().contains("the chain was rewritten"), out.toString());
    }

    @Test
    void keysAreCreatedListedAndRevokedFromTheCommandLine() {
        assertEquals(0, run("keys", "create", "ci-job", "--models", "gpt,claude", "--endpoints", "chat"));
        Matcher key = Pattern.compile("gtw_vk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{6}").matcher(out.toString());
        assertTrue(key.find(), out.toString());
        String id = out.toString().replaceAll("(?s).*Virtual key (key_[0-9a-f]+).*", "$1");
        assertEquals(0, run("keys", "list"));
        assertTrue(out.toString().contains(id) && out.toString().contains("gpt,claude"), out.toString());
        SecretParts.assertAbsent(out.toString(), key.group(), "keys list");
        assertEquals(0, run("keys", "revoke", id));
        assertEquals(0, run("keys", "list"));
        assertTrue(out.toString().contains("revoked"), out.toString());
        assertEquals(2, run("keys", "create", "x", "--models", "*", "--endpoints", "chat,telepathy"));
        assertEquals(1, run("keys", "create", "x", "--models", "gpt", "--team", "team_nope"));
        assertTrue(err.toString().contains("team_id: no team"), err.toString());
    }

    @Test
    void badStoreOptionsAreRefusedWithAClearMessage() throws Exception {
        assertEquals(1, run("keys", "list", "--database-url", "jdbc:mysql://db/gatehouse"));
        assertTrue(err.toString().contains("must start with jdbc:postgresql: or jdbc:h2:"), err.toString());
        Files.writeString(dir.resolve("master.keys"), "gmk1:broken\n");
        Files.setPosixFilePermissions(dir.resolve("master.keys"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertEquals(1, run("secrets", "list"));
        assertTrue(err.toString().contains("expected gmk1:<id>:<base64 key>"), err.toString());
        assertFalse(err.toString().contains("broken"), "the keyring's content is not echoed");
    }
}
