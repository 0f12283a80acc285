package dev.gatehouse.server.selfcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The jar Gatehouse runs from, with the SHA-256 of the whole file, computed once when it is found.
 * Absent when the classes come from a directory (the tests, an IDE): then there is no jar to
 * check, to hash or to read an SBOM from.
 */
public record RunningJar(Path path, String sha256) {

    /** Where the build puts the CycloneDX SBOM inside the jar (server/pom.xml). */
    public static final String SBOM = "META-INF/sbom/gatehouse-sbom.json";

    /** The jar {@code anchor}'s class was loaded from, hashed now; empty when it was not loaded from a jar file. */
    public static Optional<RunningJar> of(Class<?> anchor) {
        return locate(anchor).map(RunningJar::at);
    }

    /** Where the jar {@code anchor}'s class was loaded from is, if it was loaded from a jar file. */
    public static Optional<Path> locate(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException notAPath) {
            return Optional.empty();
        }
    }

    /** The jar at {@code path}, hashed now. */
    public static RunningJar at(Path path) {
        return new RunningJar(path, sha256(path));
    }

    /** The SBOM the build put in the jar; empty when it has none (a build made offline skips it). */
    public Optional<byte[]> sbom() {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry entry = zip.getEntry(SBOM);
            if (entry == null) {
                return Optional.empty();
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return Optional.of(in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can not read the SBOM of " + path, e);
        }
    }

    private static String sha256(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + path, e);
        }
    }
}
