package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.release.ProjectKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gatehouse release-key generate|sign} and {@code gatehouse verify-release}, through the
 * command line, as {@code bin/gatehouse dist} and a user run them; with a throwaway key.
 */
class ReleaseCommandsTest {

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
        return cli.execute(args);
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
                bundle.resolve("SHA256SUMS").toString()), err.toString());
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
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()), err.toString());
        assertTrue(out.toString().contains("Fingerprint: "), out.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("gatehouse-release.key"))));
        assertTrue(Files.readString(keys.resolve("gatehouse-release.pub")).startsWith("-----BEGIN PUBLIC KEY-----"));

        assertEquals(1, run("release-key", "generate", "--out", keys.toString()));
        assertTrue(err.toString().contains("exists already"), err.toString());
    }

    @Test
    void aBundleSignedBySignIsVerifiedWithItsPublicKeyAndRefusedWhenChanged() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path bundle = signedBundle(keys);
        String publicKey = keys.resolve("gatehouse-release.pub").toString();

        assertEquals(0, run("verify-release", bundle.toString(), "--public-key", publicKey), out + " " + err);
        assertTrue(out.toString().startsWith("Verified: 2 files of " + bundle), out.toString());

        Files.writeString(bundle.resolve("lib/gatehouse.jar"), "jar, changed");
        assertEquals(1, run("verify-release", bundle.toString(), "--public-key", publicKey));
        assertTrue(out.toString().contains("FAILED: lib/gatehouse.jar: SHA-256 differs: expected " + sha256("jar")
                + ", found " + sha256("jar, changed")), out.toString());
    }

    @Test
    void withoutAKeyFileTheProjectsKeyIsTrustedAndAThrowawaySignatureIsRefused() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path bundle = signedBundle(keys);
        String projectKey = ProjectKeys.load().getFirst().fingerprint();

        assertEquals(1, run("verify-release", bundle.toString()));
        assertTrue(out.toString().contains("does not match public key " + projectKey), out.toString());
    }

    @Test
    void aDownloadedArchiveIsCheckedAgainstItsDetachedSignature() throws IOException {
        Path keys = dir.resolve("keys");
        assertEquals(0, run("release-key", "generate", "--out", keys.toString()));
        Path archive = Files.write(dir.resolve("gatehouse-1.0-linux-x64.tar.gz"), new byte[] {31, -117, 8, 0, 1, 2, 3});
        assertEquals(0, run("release-key", "sign", "--key", keys.resolve("gatehouse-release.key").toString(),
                archive.toString()), err.toString());
        String publicKey = keys.resolve("gatehouse-release.pub").toString();

        assertEquals(0, run("verify-release", archive.toString(), "--public-key", publicKey), out + " " + err);
        assertTrue(out.toString().startsWith("Verified: " + archive + " is signed by release key "), out.toString());

        Files.write(archive, new byte[] {31, -117, 8, 0, 1, 2, 4});
        assertEquals(1, run("verify-release", archive.toString(), "--public-key", publicKey));
        assertTrue(out.toString().contains("FAILED: the signature gatehouse-1.0-linux-x64.tar.gz.sig does not match"
                + " public key "), out.toString());

        Files.delete(dir.resolve("gatehouse-1.0-linux-x64.tar.gz.sig"));
        assertEquals(1, run("verify-release", archive.toString(), "--public-key", publicKey));
        assertTrue(out.toString().contains("FAILED: gatehouse-1.0-linux-x64.tar.gz.sig is missing"), out.toString());
    }

    @Test
    void badArgumentsAreRefusedWithTheirOwnStatus() throws IOException {
        assertEquals(2, run("verify-release", dir.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("no such folder or file"), err.toString());
        Path notAKey = Files.writeString(dir.resolve("not-a-key.pem"), "hello");
        assertEquals(2, run("verify-release", dir.toString(), "--public-key", notAKey.toString()));
        assertTrue(err.toString().contains("no -----BEGIN PUBLIC KEY----- block"), err.toString());
        assertEquals(1, run("release-key", "sign", "--key", notAKey.toString(), notAKey.toString()));
        assertTrue(err.toString().contains("expected one -----BEGIN PRIVATE KEY----- block"), err.toString());
    }
}
