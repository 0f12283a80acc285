package dev.gatehouse.server.agents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of an outside program for the agent tests: a command in a working folder with exactly
 * the environment given (nothing inherited, so no developer's keys or settings reach an agent),
 * no standard input, its output kept in files, and a time limit after which it and its children
 * are killed.
 */
final class AgentProcess {

    /** How a run ended: its exit code (-1 when it was killed at the time limit) and what it printed. */
    record Result(int exitCode, boolean timedOut, String stdout, String stderr) {

        /** The exit and both outputs, for a failure message. */
        String describe() {
            return (timedOut ? "killed at the time limit" : "exit code " + exitCode) + "\n--- stdout ---\n"
                    + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
        }

        private static String tail(String text) {
            return text.length() <= 6_000 ? text : "…" + text.substring(text.length() - 6_000);
        }
    }

    private AgentProcess() {}

    static Result run(List<String> command, Path workingDir, Map<String, String> environment, Duration timeout) {
        try {
            Path outputs = Files.createTempDirectory("gatehouse-agent-run");
            Path stdout = outputs.resolve("stdout");
            Path stderr = outputs.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            return new Result(finished ? process.exitValue() : -1, !finished,
                    new String(Files.readAllBytes(stdout), StandardCharsets.UTF_8),
                    new String(Files.readAllBytes(stderr), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("can not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }
}
