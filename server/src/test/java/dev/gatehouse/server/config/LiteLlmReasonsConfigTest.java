package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * LiteLLM settings Gatehouse does not take, each refused or warned about with the way forward:
 * a general_settings.database_url written with its
 * password (docs.litellm.ai/docs/proxy/config_settings, general_settings), finetune_settings and
 * files_settings, litellm_params' region_name (docs.litellm.ai/docs/proxy/customer_routing) and
 * mock_timeout, model_info's mode and health_check_timeout (docs.litellm.ai/docs/proxy/health),
 * and router_settings.model_group_alias, which is read
 * (the same page, router_settings; LiteLLM issue BerriAI/litellm#5524 shows its form).
 */
class LiteLlmReasonsConfigTest {

    private static String entry(String model) {
        return "model_list:\n  - model_name: m\n    litellm_params:\n      model: " + model
                + "\n      api_key: os.environ/OPENAI_API_KEY\n";
    }

    @Test
    void aDatabaseUrlWrittenWithItsPasswordIsRefusedWithoutShowingIt() {
        ConfigLoader.Loaded loaded = Configs.load(entry("openai/gpt-4o") + """
                general_settings:
                  database_url: postgresql://litellm:pw-Secret-9x@db.internal:5432/litellm
                """);
        Configs.assertProblemAt(loaded, "general_settings.database_url", "a credential written into the"
                + " configuration file is refused");
        assertFalse(loaded.problems().toString().contains("pw-Secret-9x"));
        assertFalse(loaded.warnings().toString().contains("pw-Secret-9x"));
    }

    @Test
    void fineTuningAndFilesSettingsAreWarningsNamingTheApisGatehouseLacks() {
        ConfigLoader.Loaded loaded = Configs.load(entry("openai/gpt-4o") + """
                finetune_settings:
                  - custom_llm_provider: openai
                    api_key: os.environ/OPENAI_API_KEY
                files_settings:
                  - custom_llm_provider: openai
                    api_key: os.environ/OPENAI_API_KEY
                """);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertWarning(loaded, "finetune_settings", "Gatehouse has no fine-tuning API");
        assertWarning(loaded, "files_settings", "Gatehouse has no files API");
    }

    @Test
    void regionNameAndMockTimeoutAreWarningsSayingWhatIsLeftOut() {
        ConfigLoader.Loaded loaded = Configs.load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                      region_name: eu
                      mock_timeout: true
                      timeout: 60
                    model_info:
                      mode: embedding
                      health_check_timeout: 1
                """);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertWarning(loaded, "model_list[0].litellm_params.region_name", "Gatehouse has no region-based routing");
        assertWarning(loaded, "model_list[0].litellm_params.mock_timeout", "LiteLLM's test switch");
        assertWarning(loaded, "model_list[0].model_info.mode", "make the call mode names (embedding)");
        assertWarning(loaded, "model_list[0].model_info.health_check_timeout", "Gatehouse's health checks wait");
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
