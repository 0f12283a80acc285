package dev.gatehouse.server.selfcheck;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The check {@code serve} makes before it starts: the jar it runs from, as {@code gatehouse verify}
 * checks it. Logged at INFO with the time it took when it passes, or when there is no jar (tests
 * start the server in-process, from classes in a directory); a mismatch stops the start, unless
 * {@code --skip-self-check} says to go on, which is logged as a WARNING naming what failed.
 */
public final class StartCheck {

    private static final System.Logger LOG = System.getLogger(StartCheck.class.getName());

    private StartCheck() {}

    /**
     * Checks {@code jar}; returns what failed, one line each, when serve must not start, and an empty
     * list when it may (the jar matches, there is none, or {@code skip} overrides a mismatch).
     */
    public static List<String> run(Optional<Path> jar, boolean skip) {
        if (jar.isEmpty()) {
            LOG.log(INFO, "self-check skipped: Gatehouse does not run from a jar (its classes come from a directory)");
            return List.of();
        }
        long started = System.nanoTime();
        List<String> failed;
        JarVerdict verdict = null;
        try {
            verdict = JarCheck.check(jar.get());
            failed = verdict.mismatches();
        } catch (UncheckedIOException e) {
            failed = List.of(e.getMessage() + ": " + e.getCause().getMessage());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        if (failed.isEmpty()) {
            JarVerdict passed = verdict;
            LOG.log(INFO, () -> "self-check passed in " + millis + " ms: the " + passed.entries() + " entries of "
                    + jar.get() + " match the hashes recorded at build time, and its SBOM lists exactly its "
                    + passed.dependencies() + " dependencies");
            return List.of();
        }
        if (skip) {
            List<String> overridden = failed;
            LOG.log(WARNING, () -> "self-check FAILED, starting anyway because of --skip-self-check: " + jar.get()
                    + " is not what the Gatehouse build made: " + String.join("; ", overridden));
            return List.of();
        }
        return failed;
    }
}
