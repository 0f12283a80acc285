package dev.gatehouse.server.cli;

import dev.gatehouse.server.selfcheck.JarCheck;
import dev.gatehouse.server.selfcheck.JarVerdict;
import dev.gatehouse.server.selfcheck.RunningJar;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse verify}: checks the jar it runs from (or the one named) against the hashes and
 * dependencies its build recorded in it, and its SBOM against those dependencies, and prints the
 * jar's own SHA-256. Exit 0 when all match, 1 on a mismatch, 2 when there is nothing to check (not
 * run from a jar).
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = {"Check that this Gatehouse jar is exactly what its build made: every entry against the"
                + " SHA-256 recorded at build time, and that its SBOM lists exactly the dependencies in it.",
                "Exit status: 0 all match, 1 a mismatch (named), 2 not run from a jar."})
final class VerifyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "JAR", description = "The jar to check (default: the one running).")
    private Path jar;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Path> checked = jar != null ? Optional.of(jar) : RunningJar.locate(VerifyCommand.class);
        if (checked.isEmpty()) {
            err.println("gatehouse verify: not running from a jar (the classes come from a directory, as in tests or"
                    + " an IDE): there is nothing to check. Run it as 'java -jar gatehouse.jar verify'.");
            return 2;
        }
        JarVerdict verdict;
        long started = System.nanoTime();
        try {
            verdict = JarCheck.check(checked.get());
        } catch (UncheckedIOException e) {
            err.println("gatehouse verify: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        // What ties the jar to a release: its checksum, to compare with the one published beside it.
        out.println("SHA-256 " + RunningJar.at(checked.get()).sha256() + "  " + checked.get());
        if (verdict.ok()) {
            out.println("gatehouse verify: OK: " + checked.get() + ": all " + verdict.entries()
                    + " entries match the hashes recorded at build time; the SBOM lists exactly the "
                    + verdict.dependencies() + " dependencies in the jar (checked in " + millis + " ms).");
            return 0;
        }
        err.println("gatehouse verify: FAILED: " + checked.get() + " is not what the Gatehouse build made:");
        verdict.mismatches().forEach(line -> err.println("  " + line));
        return 1;
    }
}
