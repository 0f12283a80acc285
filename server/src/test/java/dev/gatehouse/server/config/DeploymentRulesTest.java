package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One deployment's settings: provider, upstream model, base URL and private networks, numbers, options. */
class DeploymentRulesTest {

    /** A model with one inline deployment: line 2 is the name, line 3 the provider, line 4 the model. */
    private static ConfigLoader.Loaded deployment(String provider, String... lines) {
        StringBuilder yaml = new StringBuilder("models:\n  - name: m\n    provider: " + provider + "\n    model: up\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return load(yaml.toString());
    }

    @Test
    void theProviderIsRequiredAndMustBeKnown() {
        assertProblem(load("models:\n  - name: m\n    model: up\n"), "models[0].provider (line 2)",
                "required: Gatehouse knows no provider for 'up'; one of anthropic, azure, bedrock, bfl, cohere, deepseek");
        assertProblem(deployment("opnai"), "models[0].provider (line 3)",
                "unknown provider 'opnai' (did you mean 'openai'?); known providers: anthropic,");
        assertProblem(deployment("watsonx"), "models[0].provider (line 3)", "unknown provider 'watsonx'; known");
    }

    @Test
    void theUpstreamModelIsRequired() {
        assertProblem(load("models:\n  - name: m\n    provider: mock\n"), "models[0].model (line 2)", "required");
        assertProblem(load("models:\n  - name: m\n    provider: mock\n    model: ''\n"), "models[0].model (line 4)",
                "must not be empty");
    }

    @Test
    void aBaseUrlMustBeAnHttpsUrl() {
        String key = "api_key: env:OPENAI_API_KEY";
        assertProblem(deployment("openai", key, "base_url: 'https://exa mple.com'"), "models[0].base_url (line 6)",
                "not a valid URL");
        assertProblem(deployment("openai", key, "base_url: ftp://example.com"), "models[0].base_url (line 6)",
                "must be an https:// (or, on a private network, http://) URL");
        assertProblem(deployment("openai", key, "base_url: example.com/v1"), "models[0].base_url (line 6)",
                "must be an https://");
        assertProblem(deployment("openai", key, "base_url: https://my_host/v1"), "models[0].base_url (line 6)",
                "has no valid host name");
        assertProblem(deployment("openai", key, "base_url: 'https://example.com/v1?key=abc'"),
                "models[0].base_url (line 6)", "must not have a query");
        assertProblem(deployment("openai", key, "base_url: 'https://example.com/v1#x'"),
                "models[0].base_url (line 6)", "or fragment");
    }

    @Test
    void aBaseUrlNeverCarriesCredentials() {
        ConfigLoader.Loaded loaded = deployment("openai", "api_key: env:OPENAI_API_KEY",
                "base_url: https://user:pa55word@example.com/v1");
        assertProblem(loaded, "models[0].base_url (line 6)", "must not contain a user name or password");
        assertFalse(loaded.problems().toString().contains("pa55word"));
    }

    @Test
    void plainHttpToAPublicHostIsRefused() {
        assertProblem(deployment("openai", "api_key: env:OPENAI_API_KEY", "base_url: http://api.example.com/v1"),
                "models[0].base_url (line 6)", "plain http:// would send credentials and prompts in clear text");
        assertProblem(deployment("openai", "api_key: env:OPENAI_API_KEY", "base_url: http://api.example.com/v1",
                "allow_private_network: true"), "models[0].base_url (line 6)", "plain http://");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8000/v1", "https://10.1.2.3/v1", "http://192.168.1.20/v1",
        "http://172.16.0.1/v1", "http://169.254.169.254/latest", "http://[::1]:8000/v1", "http://[fd12::1]/v1",
        "http://localhost:8000/v1", "http://LOCALHOST/v1", "http://vllm:8000/v1", "http://gpu.internal/v1",
        "https://box.local/v1", "http://0.0.0.0:4000/v1", "http://100.64.0.1/v1", "http://[::ffff:10.0.0.1]/v1"})
    void aPrivateHostNeedsAllowPrivateNetwork(String url) {
        ConfigLoader.Loaded refused = deployment("vllm", "base_url: '" + url + "'");
        assertProblem(refused, "models[0].base_url (line 5)", "is on a private network; set allow_private_network:"
                + " true on this deployment");
        loadOk("models:\n  - name: m\n    provider: vllm\n    model: up\n    base_url: '" + url + "'\n"
                + "    allow_private_network: true\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.1/v1", "http://2130706433/v1", "http://0x7f.0.0.1/v1", "http://0177.0.0.1/v1",
        "http://10.0.0.256/v1", "http://1.2.3.4.5/v1"})
    void anAddressThatCanBeReadInSeveralWaysIsRefused(String url) {
        // java.net.URI already refuses some of these as host names; the others are refused here.
        ConfigLoader.Loaded loaded = deployment("vllm", "base_url: '" + url + "'", "allow_private_network: true");
        assertEquals(1, loaded.problems().size(), () -> loaded.problems().toString());
        ConfigProblem problem = loaded.problems().getFirst();
        assertEquals("models[0].base_url (line 5)", problem.location());
        assertTrue(problem.message().contains("an address that can be read in more than one way")
                || problem.message().contains("has no valid host name"), problem.message());
    }

    @Test
    void publicLiteralAddressesNeedNoPermission() {
        loadOk("models:\n  - name: m\n    provider: openai_compatible\n    model: up\n"
                + "    base_url: https://203.0.114.7/v1\n    api_key: env:OPENAI_API_KEY\n");
    }

    @Test
    void ollamaCallsThisMachineByDefaultSoItMustBeAllowed() {
        assertProblem(deployment("ollama"), "models[0].allow_private_network (line 2)",
                "must be true: provider ollama calls http://localhost:11434/v1 by default, which is on a private"
                        + " network");
    }

    @Test
    void selfHostedProvidersNeedABaseUrl() {
        assertProblem(deployment("vllm"), "models[0].base_url (line 2)", "required for provider vllm");
        assertProblem(deployment("openai_compatible"), "models[0].base_url (line 2)",
                "required for provider openai_compatible");
    }

    @Test
    void hostedProvidersNeedAKey() {
        assertProblem(deployment("openai"), "models[0].api_key (line 2)",
                "required for provider openai; give env:NAME or file:/path");
        assertProblem(deployment("anthropic"), "models[0].api_key (line 2)", "required for provider anthropic");
        assertProblem(deployment("vllm", "base_url: https://vllm.example.com/v1"), "models[0].api_key (line 2)",
                "required for provider vllm; give env:NAME or file:/path (a server on a private network");
    }

    @Test
    void localServersMayHaveNoKey() {
        loadOk("models:\n  - name: m\n    provider: ollama\n    model: up\n    allow_private_network: true\n");
        loadOk("models:\n  - name: m\n    provider: mock\n    model: up\n");
    }

    @Test
    void numbersAreInRange() {
        ConfigLoader.Loaded loaded = deployment("mock", "default_max_tokens: 0", "timeout_seconds: 3601",
                "drop_params: 1", "fetch_images: 'true'", "allow_private_network: nope");
        assertProblem(loaded, "models[0].default_max_tokens (line 5)", "must be a whole number from 1 to 2147483647");
        assertProblem(loaded, "models[0].timeout_seconds (line 6)", "must be a number of seconds from 1 to 3600");
        assertProblem(loaded, "models[0].drop_params (line 7)", "must be true or false");
        assertProblem(loaded, "models[0].fetch_images (line 8)", "must be true or false");
        assertProblem(loaded, "models[0].allow_private_network (line 9)", "must be true or false");
        assertProblem(deployment("mock", "timeout_seconds: '60'"), "models[0].timeout_seconds (line 5)",
                "must be a number of seconds");
        assertProblem(deployment("mock", "timeout_seconds: 1e9"), "models[0].timeout_seconds (line 5)",
                "must be a number of seconds");
        assertProblem(deployment("mock", "default_max_tokens: 2147483648"), "models[0].default_max_tokens (line 5)",
                "must be a whole number from 1 to 2147483647");
    }

    @Test
    void optionsAreAMapOfScalars() {
        assertProblem(deployment("mock", "options: [a, b]"), "models[0].options (line 5)",
                "must be a map of keys and values");
        assertProblem(deployment("mock", "options:", "  nested: {a: 1}"), "models[0].options.nested (line 6)",
                "must be a string, a number or true/false");
        assertEquals("50", loadOk("models:\n  - name: m\n    provider: mock\n    model: up\n    options:\n"
                + "      stream_delay_ms: 50\n").config().deployments().getFirst().options().get("stream_delay_ms"));
    }

    @Test
    void numericProviderOptionsArePositiveIntegers() {
        assertProblem(deployment("mock", "options:", "  poll_interval_ms: fast"),
                "models[0].options.poll_interval_ms (line 6)", "must be a positive integer");
        assertProblem(deployment("mock", "options:", "  max_embedding_batch: 0"),
                "models[0].options.max_embedding_batch (line 6)", "must be a positive integer");
        assertProblem(deployment("mock", "options:", "  max_image_bytes: 1.5"),
                "models[0].options.max_image_bytes (line 6)", "must be a positive integer");
        assertEquals("250", loadOk("models:\n  - name: m\n    provider: mock\n    model: up\n    options:\n"
                + "      poll_interval_ms: 250\n").config().deployments().getFirst().options().get("poll_interval_ms"));
    }

    @Test
    void theTotalTimeoutBoundsTheFirstByteTimeout() {
        assertEquals(java.time.Duration.ofSeconds(90), loadOk("models:\n  - name: m\n    provider: mock\n    model: up\n"
                + "    timeout_seconds: 30\n    total_timeout_seconds: 90\n").config().deployments().getFirst().totalTimeout());
        assertProblem(deployment("mock", "timeout_seconds: 120", "total_timeout_seconds: 60"),
                "models[0].total_timeout_seconds (line 6)", "longer than the total timeout");
        assertProblem(deployment("mock", "total_timeout_seconds: 0"), "models[0].total_timeout_seconds (line 5)", "");
    }

    @Test
    void priceFieldsAndImageLimitsAreReadAndChecked() {
        dev.gatehouse.provider.Deployment d = loadOk("models:\n  - name: m\n    provider: vllm\n    model: up\n"
                + "    base_url: http://10.0.0.12:8000/v1\n    allow_private_network: true\n    fetch_images: true\n"
                + "    fetch_images_max_count: 2\n    fetch_images_max_bytes: 1000\n").config().deployments().getFirst();
        assertTrue(d.privateNetwork(), "allow_private_network reaches the deployment: it gets no remote image URL");
        assertEquals(2, d.maxFetchedImages());
        assertEquals(1000, d.maxFetchedBytes());
        dev.gatehouse.provider.Deployment defaults = loadOk("models:\n  - name: m\n    provider: openai\n"
                + "    model: up\n    api_key: env:OPENAI_API_KEY\n    allow_price_fields: [service_tier]\n")
                .config().deployments().getFirst();
        assertEquals(java.util.Set.of("service_tier"), defaults.allowPriceFields());
        assertFalse(defaults.privateNetwork());
        assertEquals(dev.gatehouse.provider.Deployment.DEFAULT_MAX_FETCHED_IMAGES, defaults.maxFetchedImages());

        assertProblem(deployment("mock", "allow_price_fields: service_tier"), "models[0].allow_price_fields (line 5)",
                "must be a list of request fields that change the price, from: ");
        assertProblem(deployment("mock", "allow_price_fields: [service-tier]"),
                "models[0].allow_price_fields (line 5)", "service_tier");
        assertProblem(deployment("mock", "fetch_images_max_count: -1"), "models[0].fetch_images_max_count (line 5)",
                "must be a whole number from 0 to 1000");
        assertProblem(deployment("mock", "fetch_images_max_bytes: 1e12"), "models[0].fetch_images_max_bytes (line 5)",
                "must be a whole number from 0 to 268435456");
    }
}
