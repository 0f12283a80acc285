package dev.gatehouse.server.agents;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code ({@code claude -p}, the npm package pinned in {@code src/test/agents}) does a task
 * that needs one tool call through Gatehouse's Anthropic front door: with a Claude model (the
 * native path to an Anthropic upstream) and with a GPT model (translated to an OpenAI-format
 * upstream). Configured as docs/agents.md tells users: {@code ANTHROPIC_BASE_URL} and a virtual
 * key, with everything that calls home turned off.
 */
class ClaudeCodeTest {

    private AgentGateway gateway;

    @BeforeEach
    void start() {
        gateway = new AgentGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void readsAFileThroughAnAnthropicUpstream(@TempDir Path root) throws IOException {
        runTask(root, AgentGateway.ANTHROPIC_MODEL);
    }

    @Test
    void readsAFileThroughAnOpenAiUpstream(@TempDir Path root) throws IOException {
        runTask(root, AgentGateway.OPENAI_MODEL);
    }

    private void runTask(Path root, String model) throws IOException {
        AgentTask task = AgentTask.in(root);
        gateway.playFileReadingModel(model, task.file());
        List<String> command = new ArrayList<>(AgentPackages.claudeCode());
        // Read is the one tool the task needs; allowing it up front keeps the headless run from asking.
        command.addAll(List.of("-p", AgentTask.PROMPT, "--model", model, "--allowedTools", "Read"));
        AgentProcess.Result result = task.run(command, task.environment(Map.of(
                "ANTHROPIC_BASE_URL", gateway.origin(),
                "ANTHROPIC_API_KEY", gateway.apiKey(),
                "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1",
                "DISABLE_TELEMETRY", "1",
                "DISABLE_AUTOUPDATER", "1",
                "DISABLE_ERROR_REPORTING", "1")));
        task.assertDone("claude-code-" + model, result, gateway, model);
    }
}
