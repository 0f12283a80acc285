package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.routing.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing groups, strategies, the router section and fallbacks, in both formats (docs/routing.md). */
class RoutingConfigTest {

    private static final String GROUP = """
            router:
              retries: 4
              backoff_base_seconds: 0.05
              backoff_max_seconds: 2
              deadline_seconds: 90
              allowed_fails: 5
              failure_window_seconds: 30
              cooldown_seconds: 20
              auth_cooldown_seconds: 900
              health_check_interval_seconds: 15
            models:
              - name: gpt-4o
                routing_strategy: least_busy
                fallbacks: [claude]
                context_window_fallbacks: [gpt-4.1]
                content_policy_fallbacks: [claude]
                deployments:
                  - provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                    weight: 3
                    rpm: 500
                    tpm: 200000
                    max_parallel_requests: 40
                  - id: openrouter-gpt-4o
                    provider: openrouter
                    model: openai/gpt-4o
                    api_key: env:OPENROUTER_API_KEY
                    connect_timeout_seconds: 3
                    idle_timeout_seconds: 20
                  - provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                    drain: true
              - name: gpt-4.1
                provider: openai
                model: gpt-4.1
                api_key: env:OPENAI_API_KEY
              - name: claude
                provider: anthropic
                model: claude-sonnet-4-5
                api_key: env:ANTHROPIC_API_KEY
            """;

    @Test
    void aModelWithSeveralDeploymentsIsAGroup() {
        GatehouseConfig config = loadOk(GROUP).config();
        List<Deployment> group = config.deployments().stream().filter(d -> d.model().equals("gpt-4o")).toList();
        assertEquals(3, group.size());
        assertNull(group.getFirst().id(), "named by the gateway: gpt-4o#1");
        assertEquals(3.0, group.getFirst().weight());
        assertEquals(500, group.getFirst().rpm());
        assertEquals(200_000L, group.getFirst().tpm());
        assertEquals(40, group.getFirst().maxParallel());
        assertNull(group.get(1).maxParallel(), "no limit unless one is set");
        assertEquals("openrouter-gpt-4o", group.get(1).id());
        assertEquals(1.0, group.get(1).weight());
        assertNull(group.get(1).rpm());
        assertEquals(Duration.ofSeconds(3), group.get(1).connectTimeout());
        assertEquals(Duration.ofSeconds(20), group.get(1).idleTimeout());
        assertNull(group.getFirst().idleTimeout(), "the first-byte timeout bounds its pauses");
        assertNull(group.getFirst().connectTimeout(), "the transport's own, 10 s in the server");
        assertEquals(0.0, group.get(2).weight(), "drain: true is weight 0");
    }

    @Test
    void strategiesRouterSettingsAndFallbacksAreRead() {
        RoutingConfig routing = loadOk(GROUP).config().routing();
        assertEquals(Map.of("gpt-4o", Strategy.LEAST_BUSY), routing.strategies());
        assertEquals(new RoutingSettings(4, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(90), 5,
                Duration.ofSeconds(30), Duration.ofSeconds(20), Duration.ofSeconds(900)), routing.settings());
        assertEquals(Duration.ofSeconds(15), routing.healthCheckInterval());
        assertEquals(Map.of("gpt-4o", List.of("claude")), routing.fallbacks().general());
        assertEquals(Map.of("gpt-4o", List.of("gpt-4.1")), routing.fallbacks().contextWindow());
        assertEquals(Map.of("gpt-4o", List.of("claude")), routing.fallbacks().contentPolicy());
    }

    @Test
    void withoutARouterSectionTheDefaultsApply() {
        GatehouseConfig config = loadOk("""
                models:
                  - name: m
                    provider: mock
                    model: m
                """).config();
        assertEquals(RoutingConfig.DEFAULTS, config.routing());
    }

    @Test
    void mistakesAreProblemsNamingTheField() {
        ConfigLoader.Loaded loaded = load("""
                router:
                  retries: -1
                  cooldown: 5
                models:
                  - name: m
                    routing_strategy: round-robin
                    fallbacks: [ghost]
                    deployments:
                      - id: same
                        provider: mock
                        model: m
                        weight: -2
                      - id: same
                        provider: mock
                        model: m
                        rpm: 0
                      - id: "has#hash"
                        provider: mock
                        model: m
                      - provider: mock
                        model: m
                        timeout_seconds: 10
                        idle_timeout_seconds: 30
                        max_parallel_requests: 0
                """);
        assertProblemAt(loaded, "router.retries", "must be a whole number from 0 to 10");
        assertProblemAt(loaded, "router.cooldown", "unknown key 'cooldown'");
        assertProblemAt(loaded, "models[0].routing_strategy", "unknown routing strategy 'round-robin'");
        assertProblemAt(loaded, "models[0].fallbacks[0]", "the model 'ghost' is not configured");
        assertProblemAt(loaded, "models[0].deployments[0].weight", "must be a number, 0 or more");
        assertProblemAt(loaded, "models[0].deployments[1].id", "the id 'same' is already used");
        assertProblemAt(loaded, "models[0].deployments[1].rpm", "must be a whole number from 1");
        assertProblemAt(loaded, "models[0].deployments[2].id", "not #");
        assertProblemAt(loaded, "models[0].deployments[3].idle_timeout_seconds", "is longer than timeout_seconds (10 s)");
        assertProblemAt(loaded, "models[0].deployments[3].max_parallel_requests", "must be a whole number from 1");
    }

    @Test
    void liteLlmGroupsWeightsCapacitiesAndRouterSettings() {
        GatehouseConfig config = loadOk("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                      weight: 2
                      rpm: 100
                      tpm: 50000
                      max_parallel_requests: 8
                    model_info:
                      id: openai-primary
                  - model_name: gpt-4o
                    litellm_params:
                      model: azure/gpt-4o
                      api_base: https://example.openai.azure.com
                      api_key: os.environ/AZURE_API_KEY
                      api_version: "2024-10-21"
                  - model_name: claude
                    litellm_params:
                      model: anthropic/claude-sonnet-4-5
                      api_key: os.environ/ANTHROPIC_API_KEY
                router_settings:
                  routing_strategy: latency-based-routing
                  num_retries: 1
                  timeout: 45
                  allowed_fails: 2
                  cooldown_time: 12
                  fallbacks: [{gpt-4o: [claude]}]
                  context_window_fallbacks: [{gpt-4o: [claude]}]
                litellm_settings:
                  content_policy_fallbacks: [{claude: [gpt-4o]}]
                """).config();
        Deployment primary = config.deployments().getFirst();
        assertEquals("openai-primary", primary.id(), "model_info.id");
        assertEquals(2.0, primary.weight());
        assertEquals(100, primary.rpm());
        assertEquals(50_000L, primary.tpm());
        assertEquals(8, primary.maxParallel(), "litellm_params.max_parallel_requests");
        RoutingConfig routing = config.routing();
        assertEquals(Map.of("gpt-4o", Strategy.LOWEST_LATENCY, "claude", Strategy.LOWEST_LATENCY), routing.strategies());
        assertEquals(1, routing.settings().retries());
        assertEquals(Duration.ofSeconds(45), routing.settings().deadline(), "router_settings.timeout");
        assertEquals(2, routing.settings().allowedFails());
        assertEquals(Duration.ofSeconds(12), routing.settings().cooldown());
        assertEquals(Map.of("gpt-4o", List.of("claude")), routing.fallbacks().general());
        assertEquals(Map.of("gpt-4o", List.of("claude")), routing.fallbacks().contextWindow());
        assertEquals(Map.of("claude", List.of("gpt-4o")), routing.fallbacks().contentPolicy());
    }

    @Test
    void liteLlmFallbacksMustBeOneModelToAList() {
        ConfigLoader.Loaded loaded = load("""
                model_list:
                  - model_name: m
                    litellm_params:
                      model: openai/gpt-4o
                      api_key: os.environ/OPENAI_API_KEY
                router_settings:
                  fallbacks: {m: [n]}
                  routing_strategy: fastest
                """);
        assertProblemAt(loaded, "router_settings.fallbacks", "must be a list of maps");
        assertProblemAt(loaded, "router_settings.routing_strategy", "unknown routing strategy 'fastest'");
    }
}
