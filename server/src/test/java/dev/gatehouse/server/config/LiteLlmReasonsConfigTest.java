package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * LiteLLM settings Gatehouse does not take, each refused or warned about with the way forward:
 * the sagemaker and text-completion-openai providers, general_settings.database_url
 * (docs.litellm.ai/docs/proxy/config_settings, general_settings), and router_settings.model_group_alias read
 * (the same page, router_settings; LiteLLM issue BerriAI/litellm#5524 shows its form).
 */
class LiteLlmReasonsConfigTest {

    private static String entry(String model) {
        return "model_list:\n  - model_name: m\n    litellm_params:\n      model: " + model
                + "\n      api_key: os.environ/OPENAI_API_KEY\n";
    }

    @Test
    void textCompletionOpenAiIsAProblemNamingAnOpenAiChatDeployment() {
        assertProblem(Configs.load(entry("text-completion-openai/gpt-3.5-turbo-instruct")),
                "model_list[0].litellm_params.model (line 4)",
                "Gatehouse serves /v1/completions through chat on every provider, so write openai/");
    }

    @Test
    void sageMakerIsAProblemNamingWhereTheModelCanBeServedInstead() {
        assertProblem(Configs.load(entry("sagemaker/jumpstart-dft-meta-textgeneration-llama-2-7b")),
                "model_list[0].litellm_params.model (line 4)",
                "provider sagemaker is not supported: Gatehouse has no SageMaker adapter; serve the model where"
                        + " Gatehouse reaches it, on Bedrock (bedrock/…) or behind an OpenAI-compatible server");
    }

    @Test
    void databaseUrlIsAWarningNamingWhereGatehousesDatabaseIsSetWithoutShowingIt() {
        ConfigLoader.Loaded loaded = Configs.load(entry("openai/gpt-4o") + """
                general_settings:
                  database_url: postgresql://litellm:pw-Secret-9x@db.internal:5432/litellm
                """);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertWarning(loaded, "general_settings.database_url", "set GATEHOUSE_DATABASE_URL (or --database-url) to a"
                + " jdbc:postgresql://host:port/database URL");
        assertFalse(loaded.warnings().toString().contains("pw-Secret-9x"));
    }

    @Test
    void modelGroupAliasIsReadWithoutAWarning() {
        ConfigLoader.Loaded loaded = Configs.load(entry("openai/gpt-4o") + """
                router_settings:
                  model_group_alias: {"gpt-4": "m"}
                """);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertEquals(java.util.List.of(), loaded.warnings());
        assertEquals("m", loaded.config().routing().names().target("gpt-4"));
    }
}
