package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GoodConfigsTest {

    @Test
    void everySettingIsReadIntoTheConfiguration() {
        ConfigLoader.Loaded loaded = loadOk("""
                server:
                  host: 0.0.0.0
                  port: 8080
                  max_body_bytes: 1048576
                  max_messages: 100
                  max_header_bytes: 8192
                  drain_timeout_seconds: 5
                defaults:
                  drop_params: true
                  timeout_seconds: 90
                models:
                  - name: claude
                    deployments:
                      - provider: anthropic
                        model: claude-sonnet-4-5
                        base_url: https://anthropic.example.com/
                        api_key: env:ANTHROPIC_API_KEY
                        drop_params: false
                        fetch_images: true
                        default_max_tokens: 4096
                        timeout_seconds: 2.5
                        options:
                          beta: true
                          level: 3
                          label: blue
                """);
        GatehouseConfig config = loaded.config();
        assertEquals(new ServerSettings("0.0.0.0", 8080, 1048576, 100, 8192, Duration.ofSeconds(5)), config.server());
        Deployment d = config.deployments().getFirst();
        assertEquals("claude", d.model());
        assertEquals("anthropic", d.provider());
        assertEquals("claude-sonnet-4-5", d.upstreamModel());
        assertEquals(URI.create("https://anthropic.example.com"), d.baseUrl(), "the trailing slash is dropped");
        assertEquals("sk-ant-test-Pw27kR", d.apiKey().reveal());
        assertFalse(d.dropParams(), "the deployment's own setting wins over defaults");
        assertTrue(d.fetchImages());
        assertEquals(4096, d.defaultMaxTokens());
        assertEquals(Duration.ofMillis(2500), d.timeout());
        assertEquals(Map.of("beta", "true", "level", "3", "label", "blue"), d.options());
        assertEquals(Set.of(), config.privateNetworkHosts());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void defaultsApplyWhereADeploymentIsSilent() {
        ConfigLoader.Loaded loaded = loadOk("""
                defaults:
                  drop_params: true
                  timeout_seconds: 15
                models:
                  - name: gpt-4o
                    provider: openai
                    model: gpt-4o
                    api_key: env:OPENAI_API_KEY
                """);
        Deployment d = loaded.config().deployments().getFirst();
        assertTrue(d.dropParams());
        assertEquals(Duration.ofSeconds(15), d.timeout());
        assertNull(d.baseUrl(), "no base_url: the provider's default");
        assertNull(d.defaultMaxTokens());
        assertFalse(d.fetchImages());
        assertEquals(ServerSettings.defaults(), loaded.config().server());
    }

    @Test
    void withoutDefaultsDeploymentsTakeTheBuiltInOnes() {
        Deployment d = loadOk("""
                models:
                  - name: m
                    provider: mock
                    model: gatehouse-mock
                """).config().deployments().getFirst();
        assertFalse(d.dropParams());
        assertEquals(Deployment.DEFAULT_TIMEOUT, d.timeout());
        assertNull(d.apiKey(), "the mock needs no key");
    }

    @Test
    void aRoutingGroupKeepsEveryDeploymentInFileOrder() {
        List<Deployment> deployments = loadOk("""
                models:
                  - name: fast
                    deployments:
                      - provider: groq
                        model: llama-3.3-70b-versatile
                        api_key: env:OPENAI_API_KEY
                      - provider: together
                        model: meta-llama/Llama-3.3-70B-Instruct-Turbo
                        api_key: env:TOGETHER_API_KEY
                  - name: other
                    provider: mock
                    model: gatehouse-mock
                  - name: fast-2
                    deployments:
                      - provider: mock
                        model: a
                """).config().deployments();
        assertEquals(List.of("fast/groq", "fast/together", "other/mock", "fast-2/mock"),
                deployments.stream().map(d -> d.model() + "/" + d.provider()).toList());
    }

    @Test
    void privateServersAreListedByHostWhenTheyAllowIt() {
        GatehouseConfig config = loadOk("""
                models:
                  - name: local
                    provider: ollama
                    model: llama3.2
                    allow_private_network: true
                  - name: vllm
                    provider: vllm
                    model: qwen
                    base_url: http://10.0.0.12:8000/v1
                    allow_private_network: true
                  - name: compose
                    provider: openai_compatible
                    model: m
                    base_url: http://lmstudio:1234/v1
                    allow_private_network: true
                  - name: v6
                    provider: vllm
                    model: m
                    base_url: http://[fd00::5]:8000/v1
                    allow_private_network: true
                  - name: internal-https
                    provider: vllm
                    model: m
                    base_url: https://gpu.corp.internal/v1
                    api_key: env:OPENAI_API_KEY
                    allow_private_network: true
                """).config();
        assertEquals(List.of("localhost", "10.0.0.12", "lmstudio", "[fd00::5]", "gpu.corp.internal"),
                List.copyOf(config.privateNetworkHosts()));
        assertNull(config.deployments().getFirst().baseUrl(), "Ollama's default base URL");
        assertNull(config.deployments().get(1).apiKey(), "a private vLLM server may have no key");
    }

    @Test
    void aPrivateHostNamedByDnsMayBeAllowedOverHttps() {
        GatehouseConfig config = loadOk("""
                models:
                  - name: m
                    provider: openai_compatible
                    model: m
                    base_url: https://llm.example.com/v1
                    api_key: env:OPENAI_API_KEY
                    allow_private_network: true
                """).config();
        assertEquals(Set.of("llm.example.com"), config.privateNetworkHosts(),
                "a name may resolve to a private address; the flag lets the egress policy allow it");
    }

    @Test
    void yamlBooleansAndNumbersInTheirUsualSpellings() {
        Deployment d = loadOk("""
                models:
                  - name: m
                    provider: mock
                    model: m
                    drop_params: yes
                    timeout_seconds: 1_0
                """).config().deployments().getFirst();
        assertTrue(d.dropParams());
        assertEquals(Duration.ofSeconds(10), d.timeout());
    }

    @Test
    void aFileWithNoModelsIsValidButWarned() {
        ConfigLoader.Loaded loaded = loadOk("""
                server:
                  port: 4001
                """);
        assertEquals(List.of(), loaded.config().deployments());
        Configs.assertWarning(loaded, "models", "no models are configured");
    }
}
