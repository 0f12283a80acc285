package dev.gatehouse.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, from the class path folder {@code dev/gatehouse/server/console/ui/}
 * inside Gatehouse's own jar: nothing is fetched from elsewhere, so the console works without
 * internet access. Only names of a plain form are looked up (no {@code ..}, no other folder).
 */
final class ConsoleAssets {

    private static final String ROOT = "/dev/gatehouse/server/console/ui/";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(/[a-z0-9-]+)?\\.(js|css|svg|png|html)");
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "html", "text/html; charset=utf-8");

    /** A file and its content type. */
    record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Optional<Asset>> loaded = new ConcurrentHashMap<>();

    /** The file named {@code name} (such as {@code pages/keys.js}); empty when there is none. */
    Optional<Asset> find(String name) {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        return loaded.computeIfAbsent(name, ConsoleAssets::load);
    }

    private static Optional<Asset> load(String name) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                return Optional.empty();
            }
            String extension = name.substring(name.lastIndexOf('.') + 1);
            return Optional.of(new Asset(in.readAllBytes(), TYPES.get(extension)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading the console's file " + name, e);
        }
    }
}
