package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.release.ProjectKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gatehouse release-key generate|sign} and {@code gatehouse verify-release}, through the
 * command line, as {@code bin/gatehouse dist} and a user run them; with a throwaway key.
 */
class ReleaseCommandsTest {

    @TempDir
    Path dir;
    private final CommandLineRun cli = new CommandLineRun();

    private int run(String... args) {
        return cli.run(args);
    }

    /** A bundle of two files with the SHA256SUMS sha256sum would write, signed with a new key. */
    private Path signedBundle(Path keys) throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("gatehouse-1.0"));
        Files.createDirectories(bundle.resolve("lib"));
        Files.writeString(bundle.resolve("lib/gatehouse.jar"), "jar");
        Files.writeString(bundle.resolve("README"), "readme");
        Files.writeString(bundle.resolve("SHA256SUMS"),
                sha256("readme") + "  README\n" + sha256("jar") + "  lib/gatehouse.jar\n");
        assertEquals(0, run("release-key", "sign", "--key", keys.resolve("gatehouse-release.key").toString(),
                bundle.resolve("SHA256SUMS").toString()), cli.err());
        return bundle;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Test
    void generateWritesAPrivateKeyOnlyItsOwnerReadsAndNeverReplacesOne() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()), cli.err());
        assertTrue(cli.out().contains("Fingerprint: "), cli.out());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("gatehouse-release.key"))));
        assertTrue(Files.readString(keys.resolve("gatehouse-release.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));

        assertEquals(1, run("release-key", "generate", "--out", keys.toString()));
        assertTrue(cli.err().contains("exists already"), cli.err());
    }

    @Test
    void aBundleSignedBySignIsVerifiedWithItsPublicKeyAndRefusedWhenChanged() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path bundle = signedBundle(keys);
        String publicKey = keys.resolve("gatehouse-release.pub").toString();

        assertEquals(0, run("verify-release", bundle.toString(), "--public-key", publicKey), cli.out() + " " + cli.err());
        assertTrue(cli.out().startsWith("Verified: 2 files of " + bundle), cli.out());

        Files.writeString(bundle.resolve("lib/gatehouse.jar"), "jar, changed");
        assertEquals(1, run("verify-release", bundle.toString(), "--public-key", publicKey));
        assertTrue(cli.out().contains("FAILED: lib/gatehouse.jar: SHA-256 differs: expected " + sha256("jar")
                + ", found " + sha256("jar, changed")), cli.out());
    }

    @Test
    void withoutAKeyFileTheProjectsKeyIsTrustedAndAThrowawaySignatureIsRefused() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path bundle = signedBundle(keys);
        String projectKey = ProjectKeys.load().getFirst().fingerprint();

        assertEquals(1, run("verify-release", bundle.toString()));
        assertTrue(cli.out().contains("does not match public key " + projectKey), cli.out());
    }

    @Test
    void aDownloadedArchiveIsCheckedAgainstItsDetachedSignature() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path archive = Files.write(dir.resolve("gatehouse-1.0-linux-x64.tar.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3});
        assertEquals(0, run("release-key", "sign", "--key", keys.resolve("gatehouse-release.key").toString(),
                archive.toString()), cli.err());
        String publicKey = keys.resolve("gatehouse-release.pub").toString();

        assertEquals(0, run("verify-release", archive.toString(), "--public-key", publicKey), cli.out() + " " + cli.err());
        assertTrue(cli.out().startsWith("Verified: " + archive + " is signed by release key "), cli.out());

        Files.write(archive, new byte[] {31, -117, 8, 0, 1, 2, 4});
        assertEquals(1, run("verify-release", archive.toString(), "--public-key", publicKey));
        assertTrue(cli.out().contains("FAILED: the signature gatehouse-1.0-linux-x64.tar.gz.sig does not match"
                + " public key "), cli.out());

        Files.delete(dir.resolve("gatehouse-1.0-linux-x64.tar.gz.sig"));
        assertEquals(1, run("verify-release", archive.toString(), "--public-key", publicKey));
        assertTrue(cli.out().contains("FAILED: gatehouse-1.0-linux-x64.tar.gz.sig is missing"), cli.out());
    }

    @Test
    void badArgumentsAreRefusedWithTheirOwnStatus() throws IOException {
        assertEquals(2, run("verify-release", dir.resolve("nowhere").toString()));
        assertTrue(cli.err().contains("no such folder or file"), cli.err());
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        assertEquals(2, run("verify-release", dir.toString(), "--public-key", notAKey.toString()));
        assertTrue(cli.err().contains("no -----BEGIN PUBLIC KEY----- block"), cli.err());
        assertEquals(1, run("release-key", "sign", "--key", notAKey.toString(), notAKey.toString()));
        assertTrue(cli.err().contains("expected one -----BEGIN PRIVATE KEY----- block"), cli.err());
    }
}
