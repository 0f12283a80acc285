package dev.gatehouse.server.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Which PostgreSQL and redis-server the tests start, as {@code GATEHOUSE_TEST_BINARIES} says:
 * <ul>
 *   <li>unset: the embedded ones ({@link EmbeddedBinaries}) where the platform has them (Linux
 *       on x86-64), otherwise the machine's own;
 *   <li>{@code embedded}: the embedded ones only (what CI proves: no installed package needed);
 *   <li>{@code system}: the machine's own only ({@code /usr/lib/postgresql/*}/bin or
 *       {@code initdb} on the {@code PATH}; {@code redis-server} on the {@code PATH}).
 * </ul>
 * The embedded ones come first because they make the tests the same everywhere: one PostgreSQL
 * and one Redis version, checksum-locked, whatever the distribution ships or a laptop has
 * installed. The machine's own are the way to test against another version.
 *
 * <p>Nothing found fails the test that needed it, saying what was looked for; nothing skips.
 */
final class TestBinaries {

    static final String ENV = "GATEHOUSE_TEST_BINARIES";

    private enum Choice { EITHER, EMBEDDED, SYSTEM }

    private TestBinaries() {}

    /** The {@code bin} directory holding {@code initdb}, {@code pg_ctl} and {@code postgres}. */
    static Path postgresBin() {
        return find("PostgreSQL", EmbeddedBinaries::postgresBin, TestBinaries::systemPostgresBin,
                "install it (Debian: apt-get install postgresql) or set " + TestPostgres.ENV_URL);
    }

    /** The {@code redis-server} executable. */
    static Path redisServer() {
        return find("redis-server", EmbeddedBinaries::redisServer, () -> onPath("redis-server"),
                "install it (Debian: apt-get install redis-server)");
    }

    private static Path find(String what, Supplier<Optional<Path>> embedded, Supplier<Optional<Path>> system,
            String install) {
        Choice choice = choice();
        if (choice != Choice.SYSTEM) {
            Optional<Path> found = embedded.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        if (choice != Choice.EMBEDDED) {
            Optional<Path> found = system.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        String platform = System.getProperty("os.name") + " on " + System.getProperty("os.arch");
        throw new IllegalStateException(what + " is needed by this test and was not found: " + switch (choice) {
            case EMBEDDED -> ENV + "=embedded, and the embedded binaries are built for Linux on x86-64 only, not "
                    + platform;
            case SYSTEM -> ENV + "=system, and this machine has none: " + install;
            case EITHER -> "the embedded binaries are built for Linux on x86-64 only, not " + platform
                    + ", and this machine has none: " + install;
        });
    }

    private static Choice choice() {
        String value = System.getenv(ENV);
        if (value == null || value.isBlank()) {
            return Choice.EITHER;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "embedded" -> Choice.EMBEDDED;
            case "system" -> Choice.SYSTEM;
            default -> throw new IllegalStateException(ENV + " must be embedded or system (or unset), not " + value);
        };
    }

    /** Debian's newest {@code /usr/lib/postgresql/N/bin}, or the directory of {@code initdb} on the PATH. */
    private static Optional<Path> systemPostgresBin() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> list = Files.list(versions)) {
                Optional<Path> debian = list.map(version -> version.resolve("bin"))
                        .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                        .max(Comparator.comparing(bin -> majorVersion(bin.getParent())));
                if (debian.isPresent()) {
                    return debian;
                }
            } catch (IOException e) {
                // unreadable: look on the PATH instead
            }
        }
        return onPath("initdb").map(Path::getParent);
    }

    private static int majorVersion(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** {@code program} in a directory of the PATH, or in {@code /usr/bin} or {@code /usr/local/bin}. */
    private static Optional<Path> onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)), Stream.of("/usr/bin", "/usr/local/bin"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
                .findFirst().map(Path::toAbsolutePath);
    }
}
