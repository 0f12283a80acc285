package dev.gatehouse.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Small jars made the way the build makes gatehouse.jar: the files of a "shaded" jar, one
 * dependency jar (com.example:dep:1.0) whose class is in it, and the build's own program,
 * build/RecordJarContents.java, run on them to record every entry's hash and the dependencies.
 */
public final class RecordedJars {

    /** The repository's build program, from the server module's directory, where the tests run. */
    static final Path PROGRAM = Path.of("..", "build", "RecordJarContents.java");
    public static final String TIMESTAMP = "2026-11-25T00:00:00Z";

    public static final String DEPENDENCY_CLASS = "com/example/Dep.class";
    public static final String APP_CLASS = "dev/gatehouse/App.class";

    private RecordedJars() {}

    /** The SBOM of an application dev.gatehouse:gatehouse-server:0.1.0 with these components (group:name:version). */
    public static String sbom(String... components) {
        StringBuilder list = new StringBuilder();
        for (String component : components) {
            String[] gav = component.split(":");
            list.append(list.isEmpty() ? "" : ",").append("{\"type\":\"library\",\"group\":\"").append(gav[0])
                    .append("\",\"name\":\"").append(gav[1]).append("\",\"version\":\"").append(gav[2]).append("\"}");
        }
        return "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"metadata\":{\"component\":"
                + "{\"type\":\"application\",\"group\":\"dev.gatehouse\",\"name\":\"gatehouse-server\",\"version\":"
                + "\"0.1.0\"}},\"components\":[" + list + "]}";
    }

    /** The entries of a shaded jar with the dependency's class and {@code sbom}, in order. */
    public static Map<String, byte[]> shaded(String sbom) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/", new byte[0]);
        entries.put("META-INF/maven/dev.gatehouse/gatehouse-server/pom.properties",
                "groupId=dev.gatehouse\nartifactId=gatehouse-server\nversion=0.1.0\n".getBytes(StandardCharsets.UTF_8));
        entries.put("META-INF/sbom/gatehouse-sbom.json", sbom.getBytes(StandardCharsets.UTF_8));
        entries.put(APP_CLASS, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 1, 2, 3});
        entries.put(DEPENDENCY_CLASS, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 9, 9, 9});
        return entries;
    }

    /**
     * Writes {@code entries} as {@code dir/gatehouse.jar}, the dependency jar beside it, and runs the
     * build's program on them; returns the jar. Fails when the program does.
     */
    public static Path record(Path dir, Map<String, byte[]> entries) {
        Path jar = dir.resolve("gatehouse.jar");
        write(jar, entries);
        Path dependency = dir.resolve("dep-1.0.jar");
        write(dependency, Map.of(DEPENDENCY_CLASS, shaded("{}").get(DEPENDENCY_CLASS),
                "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8)));
        Run run = runProgram(dir, jar, dependency);
        if (run.status() != 0) {
            throw new AssertionError("RecordJarContents failed: " + run.output());
        }
        return jar;
    }

    /** What the build's program said, and its exit status. */
    public record Run(int status, String output) {}

    /** Runs build/RecordJarContents.java on {@code jar} with {@code dependency} as its one resolved dependency. */
    public static Run runProgram(Path dir, Path jar, Path dependency) {
        try {
            Path list = dir.resolve("resolved.txt");
            Files.writeString(list, "The following files have been resolved:\n   com.example:dep:jar:1.0:compile:"
                    + dependency.toAbsolutePath() + " -- module dep\n");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    PROGRAM.toString(), jar.toString(), list.toString(), TIMESTAMP).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("RecordJarContents did not finish: " + output);
            }
            return new Run(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code jar} at {@code copy} with its entries passed through {@code change}. */
    public static Path rewrite(Path jar, Path copy, UnaryOperator<Map<String, byte[]>> change) {
        write(copy, change.apply(read(jar)));
        return copy;
    }

    public static Map<String, byte[]> read(Path jar) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                try (InputStream in = zip.getInputStream(entry)) {
                    entries.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    public static void write(Path jar, Map<String, byte[]> entries) {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                ZipEntry zipEntry = new ZipEntry(entry.getKey());
                // A fixed time, as the build's: two fixtures of the same entries are the same bytes.
                zipEntry.setTimeLocal(java.time.LocalDateTime.of(2026, 11, 25, 0, 0));
                out.putNextEntry(zipEntry);
                out.write(entry.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
