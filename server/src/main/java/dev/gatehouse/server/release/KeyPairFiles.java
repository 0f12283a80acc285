package dev.gatehouse.server.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;

/**
 * A release key pair written to a folder: the private key in PKCS#8 PEM, created readable by its
 * owner only (the permissions are set as the file is created, so it is never readable by others,
 * not even for a moment), and the public key in PEM beside it. Existing files are never replaced.
 */
public final class KeyPairFiles {

    public static final String PRIVATE_FILE = "gatehouse-release.key";
    public static final String PUBLIC_FILE = "gatehouse-release.pub";

    private KeyPairFiles() {}

    /** Where the two files went, and the public key's fingerprint. */
    public record Written(Path privateKey, Path publicKey, ReleaseKey key) {}

    public static Written generate(Path dir) {
        Path privateFile = dir.resolve(PRIVATE_FILE);
        Path publicFile = dir.resolve(PUBLIC_FILE);
        for (Path existing : new Path[] {privateFile, publicFile}) {
            if (Files.exists(existing)) {
                throw new IllegalArgumentException(existing + " exists already; a release key is never replaced in place");
            }
        }
        KeyPair pair = Signatures.generate();
        ReleaseKey key = Signatures.publicKey(pair);
        try {
            Files.createDirectories(dir);
            Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(privateFile, Signatures.privateKeyPem(pair.getPrivate()), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, key.pem(), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException(e.getFile() + " exists already; a release key is never replaced in place", e);
        } catch (IOException e) {
            throw new UncheckedIOException("can not write the key pair into " + dir, e);
        }
        return new Written(privateFile, publicFile, key);
    }
}
