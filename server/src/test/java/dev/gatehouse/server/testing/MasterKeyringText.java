package dev.gatehouse.server.testing;

import dev.gatehouse.server.crypto.MasterKeyring;
import java.nio.file.Files;
import java.nio.file.Path;

/** Master keyrings for tests, in their text form. */
public final class MasterKeyringText {

    private MasterKeyringText() {}

    /** The text of a keyring holding one new random key. */
    public static String fresh() {
        try {
            Path dir = Files.createTempDirectory("gatehouse-keyring");
            Path file = dir.resolve("master.keys");
            String text = MasterKeyring.create(file).text();
            Files.delete(file);
            Files.delete(dir);
            return text;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
