package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static dev.gatehouse.server.config.Configs.load;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** LiteLLM's model_list format, read into Gatehouse's deployments; what does not map is listed. */
class LiteLlmTranslationTest {

    private static String entry(String params) {
        return "model_list:\n  - model_name: m\n    litellm_params:\n" + params.indent(6);
    }

    private static Deployment only(String params) {
        return loadOk(entry(params)).config().deployments().getFirst();
    }

    /**
     * The shape of the Quick Start config of https://docs.litellm.ai/docs/proxy/configs: Azure and
     * Bedrock deployments, an OpenAI-compatible server, a wildcard, litellm_settings and a master key.
     */
    @Test
    void theQuickStartConfigOfLiteLlmsDocsIsTranslatedAsFarAsItCanBe() {
        ConfigLoader.Loaded loaded = load("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: azure/gpt-4o-eu
                      api_base: https://my-endpoint-europe.openai.azure.com/
                      api_key: "os.environ/AZURE_API_KEY_EU"
                      rpm: 6
                  - model_name: bedrock-claude-v1
                    litellm_params:
                      model: bedrock/anthropic.claude-instant-v1
                  - model_name: anthropic-claude
                    litellm_params:
                      model: bedrock/anthropic.claude-instant-v1
                      aws_region_name: us-east-1
                  - model_name: vllm-models
                    litellm_params:
                      model: openai/facebook/opt-125m
                      api_base: http://0.0.0.0:4000/v1
                      api_key: none
                      rpm: 1440
                    model_info:
                      version: 2
                  - model_name: "*"
                    litellm_params:
                      model: "*"
                litellm_settings:
                  drop_params: True
                  success_callback: ["langfuse"]
                general_settings:
                  master_key: sk-1234-Master
                  alerting: ["slack"]
                """);
        String awsCredentials = "bedrock needs credentials: aws_access_key_id and aws_secret_access_key (env:NAME or"
                + " file:/path; os.environ/NAME in a LiteLLM file), or a Bedrock API key as api_key";
        assertEquals(List.of(
                new ConfigProblem("model_list[0].litellm_params.api_key (line 6)",
                        "environment variable AZURE_API_KEY_EU is not set"),
                new ConfigProblem("model_list[1].litellm_params (line 9)", awsCredentials),
                new ConfigProblem("model_list[1].litellm_params (line 9)", "bedrock needs the AWS region: options.region"
                        + " (aws_region_name in a LiteLLM file), such as us-east-1"),
                new ConfigProblem("model_list[2].litellm_params (line 12)", awsCredentials),
                new ConfigProblem("model_list[3].litellm_params.api_base (line 18)", "host '0.0.0.0' is on a private"
                        + " network; set allow_private_network: true on this deployment to allow calls to it"),
                new ConfigProblem("model_list[3].litellm_params.api_key (line 19)", "a credential written into the"
                        + " configuration file is refused; use env:NAME or file:/path (or set"
                        + " allow_plaintext_credentials: true to accept it)"),
                new ConfigProblem("model_list[4].litellm_params.model (line 25)", "a provider chosen per request is"
                        + " not supported: each provider needs its own credential; write one entry per provider under"
                        + " this model_name, such as model: openai/*")), loaded.problems());
        assertEquals(List.of(
                "model_list[3].model_info.version (line 22): not supported, ignored",
                "litellm_settings.success_callback[0] (line 28): callback langfuse is not built into Gatehouse,"
                        + " ignored: Gatehouse sends traces over OTLP (callback otel, or telemetry:), which most"
                        + " observability services take (docs/observability.md, \"Traces\")",
                "general_settings.master_key (line 30): not supported, ignored: Gatehouse does not take LiteLLM's"
                        + " master key",
                "general_settings.alerting (line 31): not supported, ignored"), loaded.warnings());
        assertFalse(String.join("\n", loaded.warnings()).contains("sk-1234-Master"));
    }

    @Test
    void theExampleMigrationFileTranslatesCompletely() {
        ConfigLoader.Loaded loaded = ExampleFilesTest.load("litellm.example.yaml");
        List<Deployment> deployments = loaded.config().deployments();
        assertEquals(List.of("gpt-4o/openai/gpt-4o", "claude-sonnet/anthropic/claude-sonnet-4-5",
                "claude-sonnet/openrouter/anthropic/claude-sonnet-4.5",
                "llama-70b/together/meta-llama/Llama-3.3-70B-Instruct-Turbo", "llama-local/ollama/llama3.2",
                "vllm-model/vllm/facebook/opt-125m",
                "claude-bedrock/bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
                "gpt-4o-azure/azure/my-gpt-4o-deployment"),
                deployments.stream().map(d -> d.model() + "/" + d.provider() + "/" + d.upstreamModel()).toList());
        assertEquals("sk-test-openai-Zq81xV", deployments.getFirst().apiKey().reveal());
        assertEquals(Duration.ofSeconds(600), deployments.getFirst().totalTimeout(), "litellm_settings.request_timeout");
        assertEquals(Duration.ofSeconds(60), deployments.getFirst().timeout(), "first byte: Gatehouse's default");
        assertEquals(Duration.ofSeconds(120), deployments.get(1).totalTimeout(), "litellm_params.timeout");
        assertEquals(Duration.ofSeconds(120), deployments.get(1).timeout(), "litellm_params.timeout bounds the first byte too");
        assertTrue(deployments.stream().allMatch(Deployment::dropParams), "litellm_settings.drop_params");
        assertEquals(URI.create("http://localhost:11434/v1"), deployments.get(4).baseUrl());
        assertEquals(List.of("localhost", "10.0.0.12"), List.copyOf(loaded.config().privateNetworkHosts()));
        assertEquals(480, deployments.getFirst().rpm(), "litellm_params.rpm: the deployment's capacity");
        assertEquals(100_000L, deployments.get(2).tpm(), "litellm_params.tpm");
        assertEquals(3, loaded.config().routing().settings().retries(), "litellm_settings.num_retries");
        assertEquals(dev.gatehouse.routing.Strategy.WEIGHTED_RANDOM,
                loaded.config().routing().strategies().get("claude-sonnet"), "router_settings.routing_strategy");
        assertEquals(Map.of("gpt-4o", List.of("claude-sonnet")), loaded.config().routing().fallbacks().general(),
                "router_settings.fallbacks");
        assertWarning(loaded, "model_list[5].model_info.mode", "ignored: LiteLLM's health checks make the call mode names");
        assertWarning(loaded, "general_settings.master_key", "not supported, ignored");
        assertEquals(2, loaded.warnings().size(), () -> loaded.warnings().toString());
    }

    @ParameterizedTest
    @CsvSource({
        "openai/gpt-4o,                          openai",
        "anthropic/claude-sonnet-4-5,            anthropic",
        "gemini/gemini-2.5-flash,                gemini",
        "cohere/command-a-03-2025,               cohere",
        "cohere_chat/command-r-plus,             cohere",
        "xai/grok-4,                             xai",
        "mistral/mistral-large-latest,           mistral",
        "groq/llama-3.3-70b-versatile,           groq",
        "deepseek/deepseek-chat,                 deepseek",
        "together_ai/meta-llama/Llama-3-8b-hf,   together",
        "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct, fireworks",
        "openrouter/openai/gpt-4o,               openrouter",
        "perplexity/sonar,                       perplexity",
    })
    void hostedProvidersMapByPrefix(String model, String provider) {
        Deployment d = only("model: " + model + "\napi_key: os.environ/OPENAI_API_KEY\n");
        assertEquals(provider, d.provider());
        assertEquals(model.substring(model.indexOf('/') + 1), d.upstreamModel());
        assertNull(d.baseUrl());
        assertEquals("sk-test-openai-Zq81xV", d.apiKey().reveal(), "os.environ/NAME reads NAME");
    }

    @Test
    void openaiWithAnotherApiBaseIsAnOpenAiCompatibleServer() {
        assertEquals("openai", only("model: openai/gpt-4o\napi_base: https://api.openai.com/v1\n"
                + "api_key: os.environ/OPENAI_API_KEY\n").provider());
        Deployment other = only("model: openai/my-model\napi_base: https://llm.example.com/v1/\n"
                + "api_key: os.environ/OPENAI_API_KEY\n");
        assertEquals("openai_compatible", other.provider());
        assertEquals(URI.create("https://llm.example.com/v1"), other.baseUrl());
    }

    @Test
    void ollamaIsCalledAtItsOpenAiCompatibleEndpoint() {
        String allow = "allow_private_network: true\n";
        assertEquals(URI.create("http://localhost:11434/v1"),
                only("model: ollama/llama3\napi_base: http://localhost:11434/\n" + allow).baseUrl());
        assertEquals(URI.create("http://ollama:11434/v1"),
                only("model: ollama_chat/llama3\napi_base: http://ollama:11434/v1\n" + allow).baseUrl());
        assertNull(only("model: ollama/llama3\n" + allow).baseUrl(), "Gatehouse's default, localhost:11434/v1");
        assertProblem(load(entry("model: ollama/llama3\napi_base: http://localhost:11434\n")),
                "model_list[0].litellm_params.api_base (line 5)", "set allow_private_network: true");
    }

    @Test
    void hostedVllmIsVllm() {
        Deployment d = only("model: hosted_vllm/facebook/opt-125m\napi_base: http://10.0.0.5:8000/v1\n"
                + "allow_private_network: true\n");
        assertEquals("vllm", d.provider());
        assertEquals("facebook/opt-125m", d.upstreamModel());
    }

    @Test
    void blackForestLabsIsBfl() {
        // docs.litellm.ai/docs/providers/black_forest_labs: the black_forest_labs/ route.
        Deployment d = only("model: black_forest_labs/flux-pro-1.1\napi_key: os.environ/OPENAI_API_KEY\n");
        assertEquals("bfl", d.provider());
        assertEquals("flux-pro-1.1", d.upstreamModel());
        assertNull(d.baseUrl(), "BFL's default, https://api.bfl.ai");
    }

    @ParameterizedTest
    @ValueSource(strings = {"azure_ai", "vllm", "huggingface"})
    void otherProvidersAreNotSupportedYet(String prefix) {
        assertProblem(load(entry("model: " + prefix + "/some-model\n")), "model_list[0].litellm_params.model (line 4)",
                "provider " + prefix + " is not supported yet");
    }

    @Test
    void aModelWithoutProviderPrefixIsAProblemWhenNoProviderIsKnownForIt() {
        assertProblem(load(entry("model: my-own-model\napi_key: os.environ/OPENAI_API_KEY\n")),
                "model_list[0].litellm_params.model (line 4)", "names no provider, and Gatehouse knows no provider"
                        + " for 'my-own-model'; write provider/model, such as openai/my-own-model");
        assertProblem(load("model_list:\n  - model_name: m\n    litellm_params:\n      api_key: x\n"),
                "model_list[0].litellm_params.model (line 3)", "required: provider/model");
        assertProblem(load("model_list:\n  - model_name: m\n"), "model_list[0].litellm_params (line 2)", "required");
    }

    @Test
    void apiBaseMayComeFromTheEnvironment() {
        ConfigLoader loader = Configs.loader(name -> name.equals("BASE") ? "https://llm.example.com/v1" : null);
        ConfigLoader.Loaded loaded = loader.parse(entry("model: openai/m\napi_base: os.environ/BASE\n"
                + "api_key: os.environ/KEY\n"), "litellm.yaml");
        assertProblem(loaded, "model_list[0].litellm_params.api_key (line 6)", "environment variable KEY is not set");
        assertProblem(Configs.load(entry("model: openai/m\napi_base: os.environ/NO_BASE\n")),
                "model_list[0].litellm_params.api_base (line 5)", "environment variable NO_BASE is not set");
    }

    @Test
    void timeoutAndDropParamsMapPerDeployment() {
        Deployment d = only("model: mistral/mistral-small\napi_key: os.environ/OPENAI_API_KEY\ntimeout: 30.5\n"
                + "drop_params: true\nstream_timeout: 10\nmax_retries: 2\n");
        assertEquals(Duration.ofMillis(30500), d.timeout());
        assertTrue(d.dropParams());
    }

    @Test
    void parametersThatWouldChangeRequestsAreProblemsAndOthersWarnings() {
        ConfigLoader.Loaded loaded = load(entry("""
                model: openai/gpt-4o
                api_key: os.environ/OPENAI_API_KEY
                temperature: 0.2
                max_tokens: 20
                organization: org-x
                extra_headers: {"X-Team": "a"}
                order: 2
                input_cost_per_token: 0.0001
                """));
        for (String key : List.of("temperature", "max_tokens", "organization", "extra_headers")) {
            Configs.assertProblemAt(loaded, "model_list[0].litellm_params." + key, "not supported yet: Gatehouse would"
                    + " call the upstream without it");
        }
        assertWarning(loaded, "model_list[0].litellm_params.order", "not supported yet, ignored");
        assertWarning(loaded, "model_list[0].litellm_params.input_cost_per_token", "not supported yet, ignored");
    }

    @Test
    void settingsSectionsAreListedNotSilentlyDropped() {
        ConfigLoader.Loaded loaded = load("""
                model_list: []
                include:
                  - more_models.yaml
                environment_variables:
                  REDIS_PASSWORD: hunter2-Secret
                router_settings:
                  redis_password: os.environ/REDIS_PASSWORD
                litellm_settings:
                  request_timeout: 6000
                proxy_settings: {}
                """);
        assertProblem(loaded, "include (line 2)", "not supported yet: copy the model_list of the included files");
        assertProblem(loaded, "litellm_settings.request_timeout (line 9)", "must be a number of seconds from 1 to 3600");
        assertProblem(loaded, "proxy_settings (line 10)", "unknown key 'proxy_settings'");
        assertWarning(loaded, "environment_variables", "not supported, ignored: set these variables in Gatehouse's");
        assertWarning(loaded, "router_settings.redis_password", "ignored without redis_host or redis_url");
        assertWarning(loaded, "model_list", "no models are configured");
        assertFalse((loaded.problems() + "" + loaded.warnings()).contains("hunter2"));
    }

    @Test
    void entriesAreCheckedForUnknownKeys() {
        ConfigLoader.Loaded loaded = load("""
                model_list:
                  - model_name: m
                    litelm_params:
                      model: openai/gpt-4o
                """);
        assertProblem(loaded, "model_list[0].litelm_params (line 3)", "(did you mean 'litellm_params'?)");
    }

    @Test
    void gatehouseServerSettingsAndPlaintextPermissionAreAcceptedInALiteLlmFile() {
        ConfigLoader.Loaded loaded = loadOk("""
                server:
                  port: 4100
                allow_plaintext_credentials: true
                model_list:
                  - model_name: m
                    litellm_params:
                      model: groq/llama-3.3-70b-versatile
                      api_key: gsk-literal-Ab12
                """);
        assertEquals(4100, loaded.config().server().port());
        assertWarning(loaded, "model_list[0].litellm_params.api_key", "a credential is written into the configuration");
    }
}
