package dev.gatehouse.server.selfcheck;

import static dev.gatehouse.server.testing.RecordedJars.APP_CLASS;
import static dev.gatehouse.server.testing.RecordedJars.DEPENDENCY_CLASS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.RecordedJars;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's record of a jar (build/RecordJarContents.java) and the check of it that
 * {@code gatehouse verify} and {@code serve} make: every difference is found and named.
 */
class JarCheckTest {

    private static final String SBOM = RecordedJars.sbom("com.example:dep:1.0");

    @Test
    void aJarAsTheBuildMadeItPasses(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(SBOM));
        JarVerdict verdict = JarCheck.check(jar);
        assertTrue(verdict.ok(), verdict.mismatches().toString());
        assertEquals(List.of(), verdict.mismatches());
        // The six entries and the recorded dependency list; the hashes' own entry is not among them.
        assertEquals(7, verdict.entries());
        assertEquals(1, verdict.dependencies());
        Map<String, byte[]> entries = RecordedJars.read(jar);
        assertEquals("com.example:dep:1.0\n", new String(entries.get(JarCheck.DEPENDENCIES), StandardCharsets.UTF_8),
                "the dependency is present by its class, without a pom.properties");
        List<String> recorded = new String(entries.get(JarCheck.ENTRIES), StandardCharsets.UTF_8).lines().toList();
        assertEquals(7, recorded.size());
        assertTrue(recorded.stream().map(line -> line.substring(66)).toList()
                .equals(recorded.stream().map(line -> line.substring(66)).sorted().toList()), "sorted by name");
        assertFalse(recorded.stream().anyMatch(line -> line.endsWith(JarCheck.ENTRIES)), "the list leaves itself out");
    }

    @Test
    void oneChangedClassIsNamed(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(SBOM));
        Path tampered = RecordedJars.rewrite(jar, dir.resolve("tampered.jar"), entries -> {
            entries.put(APP_CLASS, new byte[] {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 1, 2, 4});
            return entries;
        });
        JarVerdict verdict = JarCheck.check(tampered);
        assertFalse(verdict.ok());
        assertEquals(List.of(APP_CLASS), verdict.changed());
        assertEquals(List.of("entries changed since the build (1): " + APP_CLASS), verdict.mismatches());
    }

    @Test
    void missingAndExtraEntriesAreNamed(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(SBOM));
        Path tampered = RecordedJars.rewrite(jar, dir.resolve("tampered.jar"), entries -> {
            entries.remove(DEPENDENCY_CLASS);
            entries.put("com/example/Backdoor.class", new byte[] {1});
            return entries;
        });
        JarVerdict verdict = JarCheck.check(tampered);
        assertEquals(List.of(DEPENDENCY_CLASS), verdict.missing());
        assertEquals(List.of("com/example/Backdoor.class"), verdict.extra());
        assertEquals(List.of(), verdict.changed());
    }

    @Test
    void aDependencyTheSbomDoesNotListIsNamed(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(RecordedJars.sbom()));
        JarVerdict verdict = JarCheck.check(jar);
        assertEquals(List.of("com.example:dep:1.0"), verdict.notInSbom());
        assertEquals(List.of("dependencies in the jar that the SBOM does not list (1): com.example:dep:1.0"),
                verdict.mismatches());
    }

    @Test
    void aComponentTheJarDoesNotHoldIsNamed(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(
                RecordedJars.sbom("com.example:dep:1.0", "org.elsewhere:absent:2.0")));
        JarVerdict verdict = JarCheck.check(jar);
        assertEquals(List.of("org.elsewhere:absent:2.0"), verdict.notInJar());
        assertEquals(List.of(), verdict.notInSbom());
    }

    @Test
    void aPomPropertiesInTheJarIsADependencyTheSbomMustList(@TempDir Path dir) {
        Map<String, byte[]> entries = RecordedJars.shaded(SBOM);
        entries.put("META-INF/maven/org.other/other/pom.properties",
                "groupId=org.other\nartifactId=other\nversion=3.1\n".getBytes(StandardCharsets.UTF_8));
        JarVerdict verdict = JarCheck.check(RecordedJars.record(dir, entries));
        assertEquals(List.of("org.other:other:3.1"), verdict.notInSbom());
    }

    @Test
    void aJarWithoutRecordedHashesIsNotChecked(@TempDir Path dir) {
        Path jar = dir.resolve("plain.jar");
        RecordedJars.write(jar, RecordedJars.shaded(SBOM));
        JarVerdict verdict = JarCheck.check(jar);
        assertFalse(verdict.ok());
        assertEquals(1, verdict.mismatches().size());
        assertTrue(verdict.mismatches().getFirst().contains("no hashes recorded at build time"), verdict.toString());
    }

    @Test
    void aJarWithoutAnSbomFails(@TempDir Path dir) {
        Map<String, byte[]> entries = RecordedJars.shaded(SBOM);
        entries.remove("META-INF/sbom/gatehouse-sbom.json");
        JarVerdict verdict = JarCheck.check(RecordedJars.record(dir, entries));
        assertEquals(List.of("no SBOM (META-INF/sbom/gatehouse-sbom.json) in the jar: a build made offline makes none"), verdict.mismatches());
    }

    @Test
    void theBuildRefusesADependencyThatLeftNothingInTheJar(@TempDir Path dir) {
        Map<String, byte[]> entries = RecordedJars.shaded(SBOM);
        entries.remove(DEPENDENCY_CLASS);
        Path jar = dir.resolve("gatehouse.jar");
        RecordedJars.write(jar, entries);
        Path dependency = dir.resolve("dep-1.0.jar");
        RecordedJars.write(dependency, Map.of(DEPENDENCY_CLASS, new byte[] {7}));
        RecordedJars.Run run = RecordedJars.runProgram(dir, jar, dependency);
        assertEquals(1, run.status(), run.output());
        assertTrue(run.output().contains("nothing of these dependencies is in") && run.output().contains(
                "com.example:dep:1.0"), run.output());
    }

    @Test
    void recordingTwiceGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path first = RecordedJars.record(Files.createDirectory(dir.resolve("first")), RecordedJars.shaded(SBOM));
        Path second = RecordedJars.record(Files.createDirectory(dir.resolve("second-elsewhere")),
                RecordedJars.shaded(SBOM));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void manyMismatchesAreCountedAndTheFirstOnesNamed() {
        List<String> changed = java.util.stream.IntStream.range(0, 25).mapToObj(i -> "c/C" + i + ".class").toList();
        JarVerdict verdict = new JarVerdict(25, 0, List.of(), changed, List.of(), List.of(), List.of(), List.of());
        String line = verdict.mismatches().getFirst();
        assertTrue(line.startsWith("entries changed since the build (25): c/C0.class, "), line);
        assertTrue(line.endsWith("c/C19.class, and 5 more"), line);
    }
}
