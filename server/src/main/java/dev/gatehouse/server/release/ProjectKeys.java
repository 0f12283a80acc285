package dev.gatehouse.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The project's public release keys, built into the jar: {@code release-keys.pem} beside this
 * class, the same keys the README prints under "Verifying a download". During a rotation it holds
 * the old and the new key, and a bundle signed by either verifies (docs/supply-chain.md).
 */
public final class ProjectKeys {

    static final String RESOURCE = "release-keys.pem";

    private ProjectKeys() {}

    public static List<ReleaseKey> load() {
        try (InputStream in = ProjectKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar holds no " + RESOURCE);
            }
            return ReleaseKey.parseAll(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + RESOURCE, e);
        }
    }
}
