package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.ModelNames;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bare model names (the provider inferred as LiteLLM does), wildcard models and aliases, in both
 * formats (docs/routing.md, "Aliases and wildcard models"; https://docs.litellm.ai/docs/wildcard_routing,
 * https://docs.litellm.ai/docs/proxy/reliability for model_group_alias).
 */
class ModelNamesConfigTest {

    private static Deployment only(ConfigLoader.Loaded loaded) {
        return loaded.config().deployments().getFirst();
    }

    @Test
    void aBareLiteLlmModelGetsItsProviderFromTheCatalogAndSaysSo() {
        ConfigLoader.Loaded loaded = loadOk("""
                model_list:
                  - model_name: fast
                    litellm_params:
                      model: gpt-4o-mini
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: smart
                    litellm_params:
                      model: claude-sonnet-4-5-20250929
                      api_key: os.environ/ANTHROPIC_API_KEY
                """);
        List<Deployment> deployments = loaded.config().deployments();
        assertEquals("openai", deployments.get(0).provider());
        assertEquals("gpt-4o-mini", deployments.get(0).upstreamModel());
        assertEquals("anthropic", deployments.get(1).provider());
        assertEquals("claude-sonnet-4-5-20250929", deployments.get(1).upstreamModel());
        assertEquals(List.of("model_list[0].litellm_params.model (line 4): provider openai inferred for 'gpt-4o-mini',"
                        + " as LiteLLM does; write openai/gpt-4o-mini to say so",
                "model_list[1].litellm_params.model (line 8): provider anthropic inferred for"
                        + " 'claude-sonnet-4-5-20250929', as LiteLLM does; write anthropic/claude-sonnet-4-5-20250929"
                        + " to say so"), loaded.notes());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void aBareGatehouseModelWithoutProviderGetsOneInferred() {
        ConfigLoader.Loaded loaded = loadOk("""
                models:
                  - name: fast
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                """);
        assertEquals("openai", only(loaded).provider());
        assertEquals(List.of("models[0].model (line 3): provider openai inferred for 'gpt-4o'; write provider: openai"
                + " to say so"), loaded.notes());
        assertProblem(load("""
                models:
                  - name: mine
                    model: my-own-model
                    api_key: env:OPENAI_API_KEY
                """), "models[0].provider (line 2)", "required: Gatehouse knows no provider for 'my-own-model'");
    }

    @Test
    void theInferenceIsASeamTheCatalogReplaces() {
        ConfigLoader loader = Configs.loader().withBareModels(model -> model.equals("gpt-3.5-turbo")
                ? Optional.of("openai") : Optional.empty());
        ConfigLoader.Loaded loaded = loader.parse("""
                model_list:
                  - model_name: gpt-3.5-turbo
                    litellm_params:
                      model: gpt-3.5-turbo
                      api_key: os.environ/OPENAI_API_KEY
                """, "litellm.yaml");
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        assertEquals("openai", only(loaded).provider());
    }

    @Test
    void liteLlmWildcardsBecomeWildcardModels() {
        ConfigLoader.Loaded loaded = loadOk("""
                model_list:
                  - model_name: "openai/*"
                    litellm_params:
                      model: openai/*
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: "anthropic/*"
                    litellm_params:
                      model: anthropic/*
                      api_key: os.environ/ANTHROPIC_API_KEY
                  - model_name: "*"
                    litellm_params:
                      model: openai/*
                      api_key: os.environ/OPENAI_API_KEY
                """);
        List<Deployment> deployments = loaded.config().deployments();
        assertEquals(List.of("openai/*", "anthropic/*", "*"), deployments.stream().map(Deployment::model).toList());
        assertEquals(List.of("openai", "anthropic", "openai"), deployments.stream().map(Deployment::provider).toList());
        assertEquals(List.of("*", "*", "*"), deployments.stream().map(Deployment::upstreamModel).toList());
    }

    @Test
    void aProviderPerRequestIsAProblemNamingTheWayForward() {
        assertProblem(load("""
                model_list:
                  - model_name: "*"
                    litellm_params:
                      model: "*"
                """), "model_list[0].litellm_params.model (line 4)", "write one entry per provider");
    }

    @Test
    void anUpstreamPatternNeedsAPatternName() {
        assertProblem(load("""
                models:
                  - name: gpt-4o
                    provider: openai
                    model: "*"
                    api_key: env:OPENAI_API_KEY
                """), "models[0].model (line 4)", "a wildcard model's name is a pattern too");
    }

    @Test
    void aWildcardTakesNoPricing() {
        assertProblem(load("""
                models:
                  - name: "openai/*"
                    provider: openai
                    model: "*"
                    api_key: env:OPENAI_API_KEY
                    pricing: {input_per_million: 1, output_per_million: 2}
                """), "models[0].pricing (line 6)", "a wildcard model is priced per requested model");
    }

    @Test
    void aGatehouseWildcardTakesAnAllowlist() {
        ConfigLoader.Loaded loaded = loadOk("""
                models:
                  - name: "openai/*"
                    provider: openai
                    model: "*"
                    api_key: env:OPENAI_API_KEY
                    allowed_models: ["openai/gpt-4o*", openai/o3]
                """);
        assertEquals(List.of("openai/gpt-4o*", "openai/o3"), loaded.config().routing().names().allowed().get("openai/*"));
        assertProblem(load("""
                models:
                  - name: gpt-4o
                    provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                    allowed_models: [gpt-4o]
                """), "models[0].allowed_models (line 6)", "applies to wildcard models only");
    }

    @Test
    void aliasesInBothFormats() {
        ModelNames liteLlm = loadOk("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                router_settings:
                  model_group_alias:
                    gpt-4: gpt-4o
                    secret-4: {model: gpt-4o, hidden: true}
                """).config().routing().names();
        assertEquals("gpt-4o", liteLlm.target("gpt-4"));
        assertEquals("gpt-4o", liteLlm.target("secret-4"));
        assertEquals(Set.of("secret-4"), liteLlm.hidden());
        ModelNames gatehouse = loadOk("""
                models:
                  - name: gpt-4o
                    provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                  - name: "anthropic/*"
                    provider: anthropic
                    model: "*"
                    api_key: env:ANTHROPIC_API_KEY
                aliases:
                  gpt-4: gpt-4o
                  claude: {model: anthropic/claude-sonnet-4-5, hidden: false}
                """).config().routing().names();
        assertEquals("gpt-4o", gatehouse.target("gpt-4"));
        assertEquals("anthropic/claude-sonnet-4-5", gatehouse.target("claude"));
        assertEquals(Set.of(), gatehouse.hidden());
    }

    /** A model's own guardrails hold under its aliases and for the names a wildcard model serves. */
    @Test
    void aliasesAndWildcardNamesAreGuardedAsTheirModel() {
        dev.gatehouse.server.guardrail.GuardrailPolicies policies = loadOk("""
                models:
                  - name: internal
                    provider: mock
                    model: gatehouse-mock
                    guardrails:
                      personal_data: {action: mask}
                  - name: "mock/*"
                    provider: mock
                    model: "*"
                    guardrails:
                      secrets: {action: log}
                  - name: public
                    provider: mock
                    model: gatehouse-mock
                aliases:
                  staff: internal
                  everyone: public
                """).config().guardrails();
        assertEquals(policies.forModel("internal"), policies.forModel("staff"));
        assertEquals(policies.defaults(), policies.forModel("everyone"));
        assertEquals(policies.forModel("mock/*"), policies.forModel("mock/anything"));
        assertEquals(policies.defaults(), policies.forModel("other/anything"));
    }

    @Test
    void anAliasNamingNoConfiguredModelIsAProblem() {
        String model = """
                models:
                  - name: gpt-4o
                    provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                """;
        assertProblem(load(model + "aliases:\n  fast: gpt4o\n"), "aliases.fast (line 7)",
                "the model 'gpt4o' is not configured (did you mean 'gpt-4o'?); an alias must name a configured model");
        assertProblem(load(model + "aliases:\n  gpt-4o: gpt-4o\n"), "aliases.gpt-4o (line 7)",
                "an alias must be another name");
        assertProblem(load(model + "aliases:\n  fast: {model: gpt-4o, hidden: maybe}\n"), "aliases.fast.hidden (line 7)",
                "");
        assertProblem(load("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                router_settings:
                  model_group_alias: {gpt-4: gpt-5}
                """), "router_settings.model_group_alias.gpt-4 (line 7)", "the model 'gpt-5' is not configured");
    }
}
