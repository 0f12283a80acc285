package dev.gatehouse.server.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.spend.SpendQueries;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The task every agent test gives: a working folder holding {@code note.txt} with a word no fake
 * knows, the prompt to read it and tell the word, and the checks of a run: the agent succeeded and
 * printed the word, the upstream saw exactly the two model turns (the tool call, the answer) and
 * found nothing the real API would refuse, and the gateway's spend log has a row for each.
 */
record AgentTask(Path workDir, Path home, Path file, String word) {

    static final String PROMPT = "Read the file note.txt in the current folder and tell me the secret word in it.";
    /** Generous: an agent's start and two model turns on loopback take seconds; a hang must not hold the build. */
    static final Duration TIMEOUT = Duration.ofMinutes(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new task in {@code root}: the agent's working folder and a home of its own beside it. */
    static AgentTask in(Path root) throws IOException {
        Path workDir = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        String word = "HERON" + (10_000 + RANDOM.nextInt(90_000));
        Path file = Files.writeString(workDir.resolve("note.txt"), FileReadingModel.SENTENCE + word + ".\n");
        return new AgentTask(workDir.toRealPath(), home.toRealPath(), file.toRealPath(), word);
    }

    /** An agent's environment: the PATH (its tools run commands), a home of its own, and {@code more}. */
    Map<String, String> environment(Map<String, String> more) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        environment.put("HOME", home.toString());
        environment.put("LANG", "C.UTF-8");
        environment.putAll(more);
        return environment;
    }

    AgentProcess.Result run(List<String> command, Map<String, String> environment) {
        return AgentProcess.run(command, workDir, environment, TIMEOUT);
    }

    /** The run printed the word, the upstream served the two turns, and the spend log has them. */
    void assertDone(String name, AgentProcess.Result result, AgentGateway gateway, String model) throws IOException {
        FakeProvider fake = gateway.fake(model);
        keep(name, result, fake);
        assertEquals(0, result.exitCode(), () -> "the agent failed: " + result.describe());
        assertTrue(result.stdout().contains(word), () -> "the agent's answer lacks the word " + word + ": "
                + result.describe());
        fake.assertNoViolations();
        assertEquals(2, fake.requestCount(), () -> "the upstream should see the tool call's turn and the answer's; saw "
                + fake.requests().stream().map(r -> r.method() + " " + r.path()).toList());
        SpendQueries.Total spend = gateway.spendOnceLogged(model, 2);
        assertEquals(2, spend.requests());
        assertEquals(FileReadingModel.CALL_USAGE.promptTokens() + FileReadingModel.ANSWER_USAGE.promptTokens(),
                spend.promptTokens());
        assertEquals(FileReadingModel.CALL_USAGE.completionTokens() + FileReadingModel.ANSWER_USAGE.completionTokens(),
                spend.completionTokens());
    }

    /**
     * Keeps what the run printed and every request the upstream received in
     * {@code target/agent-runs/NAME}, to read when a test fails: which field an upstream refused,
     * what the agent sent next.
     */
    private static void keep(String name, AgentProcess.Result result, FakeProvider fake) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "agent-runs", name));
        try (var earlier = Files.list(dir)) {
            for (Path file : earlier.toList()) {
                Files.delete(file);
            }
        }
        Files.writeString(dir.resolve("stdout.txt"), result.stdout());
        Files.writeString(dir.resolve("stderr.txt"), result.stderr());
        List<RecordedRequest> requests = fake.requests();
        for (int i = 0; i < requests.size(); i++) {
            Files.writeString(dir.resolve("upstream-" + (i + 1) + ".txt"), requests.get(i).method() + " "
                    + requests.get(i).path() + "\n\n" + requests.get(i).bodyText());
        }
        Files.writeString(dir.resolve("upstream-violations.txt"), String.join("\n", fake.violations()));
    }
}
