package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.testing.RecordedJars;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatehouse verify}: its verdict and exit status, on jars made the way the build makes gatehouse.jar. */
class VerifyCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void notRunFromAJarItSaysSoAndChecksNothing() {
        assertEquals(2, run("verify"));
        assertTrue(err.toString().contains("not running from a jar"), err.toString());
        assertEquals("", out.toString());
    }

    @Test
    void aJarAsBuiltIsOk(@TempDir Path dir) throws Exception {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(RecordedJars.sbom("com.example:dep:1.0")));
        assertEquals(0, run("verify", jar.toString()), err.toString());
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(jar)));
        assertTrue(out.toString().startsWith("SHA-256 " + sha256 + "  " + jar + "\ngatehouse verify: OK: " + jar
                + ": all 7 entries match"), out.toString());
        assertTrue(out.toString().contains("the SBOM lists exactly the 1 dependencies in the jar"), out.toString());
    }

    @Test
    void aChangedClassFailsNamingIt(@TempDir Path dir) {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(RecordedJars.sbom("com.example:dep:1.0")));
        Path tampered = RecordedJars.rewrite(jar, dir.resolve("tampered.jar"), entries -> {
            entries.put(RecordedJars.DEPENDENCY_CLASS, new byte[] {0});
            return entries;
        });
        assertEquals(1, run("verify", tampered.toString()));
        assertTrue(err.toString().contains("FAILED: " + tampered + " is not what the Gatehouse build made"), err.toString());
        assertTrue(err.toString().contains("entries changed since the build (1): " + RecordedJars.DEPENDENCY_CLASS),
                err.toString());
    }

    @Test
    void aFileThatIsNoJarFails(@TempDir Path dir) throws Exception {
        Path notAJar = java.nio.file.Files.writeString(dir.resolve("gatehouse.jar"), "not a zip");
        assertEquals(1, run("verify", notAJar.toString()));
        assertTrue(err.toString().contains("can not read " + notAJar + " as a jar"), err.toString());
    }
}
