package dev.gatehouse.server.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codex CLI ({@code codex exec}, the npm package pinned in {@code src/test/agents}) does a task
 * that needs one tool call through Gatehouse's Responses API: with a GPT model (translated to an
 * OpenAI Chat Completions upstream), with a Claude model (translated to an Anthropic upstream, with
 * and without reasoning), and with a GPT model whose deployment takes the request as written.
 * Configured as docs/agents.md tells users: a model provider in {@code config.toml} with the
 * gateway's base URL, {@code wire_api = "responses"} and the virtual key in an environment variable.
 */
class CodexTest {

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
    void readsAFileThroughAnOpenAiUpstream(@TempDir Path root) throws IOException {
        runTask(root, AgentGateway.OPENAI_MODEL);
    }

    @Test
    void readsAFileThroughAnAnthropicUpstream(@TempDir Path root) throws IOException {
        runTask(root, AgentGateway.ANTHROPIC_MODEL);
    }

    @Test
    void readsAFileThroughOpenAisOwnResponsesApi(@TempDir Path root) throws IOException {
        runTask(root, AgentGateway.NATIVE_RESPONSES_MODEL);
    }

    @Test
    void readsAFileWithReasoningThroughAnAnthropicUpstream(@TempDir Path root) throws IOException {
        // Reasoning on: Claude thinks before its call, and Codex must send the signed thinking back (as
        // an encrypted reasoning item) for Anthropic to take the tool's result.
        runTask(root, AgentGateway.ANTHROPIC_MODEL, "model_reasoning_effort = \"high\"\n");
    }

    private void runTask(Path root, String model) throws IOException {
        runTask(root, model, "");
    }

    private void runTask(Path root, String model, String moreConfig) throws IOException {
        AgentTask task = AgentTask.in(root);
        gateway.playFileReadingModel(model, task.file());
        Path codexHome = Files.createDirectories(task.home().resolve(".codex"));
        Files.writeString(codexHome.resolve("config.toml"), moreConfig + config(model));
        List<String> command = new ArrayList<>(AgentPackages.codex());
        // Codex runs its tools in a sandbox of its own unless told not to; the test's folder is the only sandbox here.
        command.addAll(List.of("exec", "--skip-git-repo-check", "--dangerously-bypass-approvals-and-sandbox",
                AgentTask.PROMPT));
        AgentProcess.Result result = task.run(command, task.environment(Map.of(
                "CODEX_HOME", codexHome.toString(),
                "GATEHOUSE_API_KEY", gateway.apiKey())));
        task.assertDone("codex-" + model + (moreConfig.isEmpty() ? "" : "-reasoning"), result, gateway, model);
    }

    /** The configuration docs/agents.md gives, pointed at this gateway. */
    private String config(String model) {
        return """
                model = "%s"
                model_provider = "gatehouse"
                check_for_update_on_startup = false
                web_search = "disabled"

                [model_providers.gatehouse]
                name = "Gatehouse"
                base_url = "%s/v1"
                env_key = "GATEHOUSE_API_KEY"
                wire_api = "responses"

                [analytics]
                enabled = false
                """.formatted(model, gateway.origin());
    }
}
