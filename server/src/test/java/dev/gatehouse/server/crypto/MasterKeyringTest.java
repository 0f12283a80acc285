package dev.gatehouse.server.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master keyring: its format, where it may come from, and what its messages never show. */
class MasterKeyringTest {

    @Test
    void theLastKeyIsThePrimaryAndEveryKeyOpensItsRecords(@TempDir Path dir) {
        MasterKeyring ring = MasterKeyring.create(dir.resolve("keys"));
        MasterKey old = ring.primary();
        MasterKeyring next = ring.withPrimary(MasterKeyring.generate());
        next.save();
        MasterKeyring read = MasterKeyring.read(dir.resolve("keys"));
        assertEquals(next.primary().id(), read.primary().id());
        assertEquals(2, read.ids().size());
        assertTrue(read.find(old.id()).isPresent());
        assertThrows(MasterKeyException.class, () -> read.without(read.primary().id()));
        assertEquals(1, read.without(old.id()).ids().size());
    }

    @Test
    void aKeyFileOthersCanReadIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys");
        MasterKeyring.create(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        MasterKeyException e = assertThrows(MasterKeyException.class, () -> MasterKeyring.read(file));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());
    }

    @Test
    void malformedKeysAreRefusedWithoutPrintingThem() {
        String key = Base64.getEncoder().encodeToString(new byte[31]);
        for (String text : new String[] {"gmk1:id:" + key, "gmk1:bad id:" + key, "plain-" + key, "gmk1:id:%%%%"}) {
            MasterKeyException e = assertThrows(MasterKeyException.class, () -> MasterKeyring.parse(text));
            assertFalse(e.getMessage().contains(key), e.getMessage());
        }
        assertThrows(MasterKeyException.class, () -> MasterKeyring.parse("# only a comment\n"));
    }

    @Test
    void theEnvironmentGivesTheKeysOrAFileButNotBoth(@TempDir Path dir) {
        Path file = dir.resolve("keys");
        String text = MasterKeyring.create(file).text();
        assertTrue(MasterKeyring.fromEnvironment(Map.of(), Optional.empty()).isEmpty());
        assertEquals(1, MasterKeyring.fromEnvironment(Map.of(MasterKeyring.ENV_KEYS, text), Optional.empty())
                .orElseThrow().ids().size());
        assertEquals(1, MasterKeyring.fromEnvironment(Map.of(MasterKeyring.ENV_FILE, file.toString()), Optional.empty())
                .orElseThrow().ids().size());
        assertThrows(MasterKeyException.class, () -> MasterKeyring.fromEnvironment(Map.of(MasterKeyring.ENV_KEYS, text),
                Optional.of(file)));
        assertFalse(MasterKeyring.parse(text).toString().contains(text.lines().filter(l -> l.startsWith("gmk1"))
                .findFirst().orElseThrow().substring(30)));
    }
}
