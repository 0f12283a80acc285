package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.provider.ModelInfo;
import org.junit.jupiter.api.Test;

/** A deployment's model_info: what its model can do, in gatehouse.yaml and in a LiteLLM file, checked like any setting. */
class ModelInfoConfigTest {

    @Test
    void gatehouseYamlTakesLiteLlmsNames() {
        ConfigLoader.Loaded loaded = loadOk("""
                models:
                  - name: coder
                    provider: mock
                    model: up
                    model_info:
                      max_input_tokens: 200000
                      max_output_tokens: 64000
                      supports_function_calling: true
                      supports_vision: false
                      supports_reasoning: true
                      supports_response_schema: true
                  - name: plain
                    provider: mock
                    model: up
                """);
        assertEquals(new ModelInfo(200_000, 64_000, true, false, true, true),
                loaded.config().deployments().get(0).modelInfo());
        assertEquals(ModelInfo.UNKNOWN, loaded.config().deployments().get(1).modelInfo(), "nothing said, nothing known");
    }

    @Test
    void litellmsOlderMaxTokensIsTheMaximumOutput() {
        ConfigLoader.Loaded loaded = loadOk("""
                models:
                  - name: m
                    provider: mock
                    model: up
                    model_info: {max_tokens: 8192}
                """);
        assertEquals(new ModelInfo(null, 8192, null, null, null, null), loaded.config().deployments().getFirst().modelInfo());
    }

    @Test
    void wrongValuesAreLineNumberedProblems() {
        String head = "models:\n  - name: m\n    provider: mock\n    model: up\n    model_info:\n";
        assertProblem(load(head + "      max_input_tokens: -5\n"), "models[0].model_info.max_input_tokens (line 6)",
                "must be a whole number from 1 to 100000000");
        assertProblem(load(head + "      max_output_tokens: '4k'\n"), "models[0].model_info.max_output_tokens (line 6)",
                "must be a whole number");
        assertProblem(load(head + "      supports_vision: 'yes'\n"), "models[0].model_info.supports_vision (line 6)",
                "must be true or false");
        assertProblem(load(head + "      supports_tools: true\n"), "models[0].model_info.supports_tools (line 6)",
                "unknown key 'supports_tools'");
        assertProblem(load(head + "      max_tokens: 100\n      max_output_tokens: 200\n"),
                "models[0].model_info.max_tokens (line 6)", "differs from max_output_tokens (200)");
        assertProblem(load("models:\n  - name: m\n    provider: mock\n    model: up\n    model_info: 5\n"),
                "models[0].model_info (line 5)", "must be a map");
    }

    @Test
    void aLiteLlmFilesModelInfoBlockIsRead() {
        ConfigLoader.Loaded loaded = loadOk("""
                model_list:
                  - model_name: claude
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/ANTHROPIC_API_KEY
                    model_info:
                      id: claude-eu
                      max_input_tokens: 200000
                      max_output_tokens: 64000
                      supports_function_calling: true
                      supports_vision: true
                      mode: chat
                """);
        assertEquals(new ModelInfo(200_000, 64_000, true, true, null, null),
                loaded.config().deployments().getFirst().modelInfo());
        assertEquals("claude-eu", loaded.config().deployments().getFirst().id());
        assertWarning(loaded, "model_list[0].model_info.mode", "LiteLLM's health checks");
    }

    @Test
    void aLiteLlmFilesWrongModelInfoIsALineNumberedProblem() {
        assertProblem(load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                    model_info:
                      supports_reasoning: maybe
                """), "model_list[0].model_info.supports_reasoning (line 7)", "must be true or false");
    }
}
