package dev.gatehouse.server.e2e;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import dev.gatehouse.testkit.bfl.FakeBfl;
import dev.gatehouse.testkit.cohere.FakeCohere;
import dev.gatehouse.testkit.gemini.FakeGeminiEmbeddings;
import dev.gatehouse.testkit.openai.FakeOpenAiMedia;
import dev.gatehouse.testkit.openai.MediaDialect;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The real server in front of fakes of every embeddings and images provider: {@code embed}
 * (OpenAI), {@code gemini-embed}, {@code local-embed} (Ollama), {@code cohere-embed} (Cohere),
 * {@code titan-embed} and {@code bedrock-cohere-embed} (Bedrock), {@code gpt-image} (OpenAI GPT
 * Image), {@code grok-image} (xAI), {@code flux} and {@code kontext} (BFL), {@code together-flux}
 * (Together), and {@code chat-only} (Groq, which serves neither).
 */
final class MediaGateway implements AutoCloseable {

    /** The request body limit of this server: small, so that a "huge" upload is cheap to send. */
    static final long MAX_BODY_BYTES = 256 * 1024;

    final FakeOpenAiMedia openai = new FakeOpenAiMedia(MediaDialect.OPENAI);
    final FakeOpenAiMedia ollama = new FakeOpenAiMedia(MediaDialect.OLLAMA);
    final FakeOpenAiMedia xai = new FakeOpenAiMedia(MediaDialect.XAI);
    final FakeOpenAiMedia together = new FakeOpenAiMedia(MediaDialect.TOGETHER);
    final FakeGeminiEmbeddings gemini = new FakeGeminiEmbeddings();
    final FakeBfl bfl = new FakeBfl();
    final FakeCohere cohere = new FakeCohere();
    final FakeBedrock bedrock = new FakeBedrock();
    final Gatehouse gatehouse;
    /** A virtual key that may use every model and endpoint. */
    final String apiKey;

    MediaGateway() {
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings("127.0.0.1", 0, MAX_BODY_BYTES, defaults.maxMessages(),
                defaults.maxHeaderBytes(), Duration.ofSeconds(2));
        Map<String, String> bflOptions = Map.of("poll_interval_ms", "5");
        TestStores.Started started = TestStores.start(new GatehouseConfig(settings, List.of(
                deployment("embed", "openai", "text-embedding-3-small", openai.baseUrl(), openai.apiKey(), Map.of()),
                deployment("gemini-embed", "gemini", "gemini-embedding-001", gemini.baseUrl(), gemini.apiKey(),
                        Map.of()),
                Deployment.builder("local-embed", "ollama").upstreamModel("nomic-embed-text").baseUrl(ollama.baseUrl())
                        .build(),
                deployment("cohere-embed", "cohere", "embed-english-v3.0", cohere.baseUrl(), cohere.apiKey(), Map.of()),
                bedrock("titan-embed", "amazon.titan-embed-text-v2:0", Map.of()),
                bedrock("bedrock-cohere-embed", "cohere.embed-english-v3", Map.of("input_type", "search_query")),
                deployment("gpt-image", "openai", "gpt-image-1", openai.baseUrl(), openai.apiKey(), Map.of()),
                deployment("grok-image", "xai", "grok-2-image-1212", xai.baseUrl(), xai.apiKey(), Map.of()),
                deployment("flux", "bfl", "flux-pro-1.1", bfl.baseUrl(), bfl.apiKey(), bflOptions),
                deployment("kontext", "bfl", "flux-kontext-pro", bfl.baseUrl(), bfl.apiKey(), bflOptions),
                deployment("together-flux", "together", "black-forest-labs/FLUX.1.1-pro", together.baseUrl(),
                        together.apiKey(), Map.of()),
                deployment("chat-only", "groq", "llama-3.3-70b-versatile", openai.baseUrl(), "unused", Map.of())),
                // The fakes listen on loopback; a real deployment needs allow_private_network for that.
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
        gatehouse = started.gatehouse();
        apiKey = started.apiKey();
    }

    private static Deployment deployment(String model, String provider, String upstream, URI base, String key,
            Map<String, String> options) {
        return Deployment.builder(model, provider).upstreamModel(upstream).baseUrl(base).apiKey(Secret.of(key))
                .timeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(30)).options(options).build();
    }

    /** A Bedrock deployment signed with SigV4 (the fake checks every signature). */
    private Deployment bedrock(String model, String upstream, Map<String, String> options) {
        Map<String, String> all = new java.util.HashMap<>(options);
        all.put("region", FakeBedrock.REGION);
        return Deployment.builder(model, "bedrock").upstreamModel(upstream).baseUrl(bedrock.baseUrl()).options(all)
                .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                .credential("aws_secret_access_key", Secret.of(bedrock.apiKey()))
                .timeout(Duration.ofSeconds(5)).totalTimeout(Duration.ofSeconds(30)).build();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + gatehouse.port() + "/v1");
    }

    @Override
    public void close() {
        gatehouse.close();
        openai.close();
        ollama.close();
        xai.close();
        together.close();
        gemini.close();
        bfl.close();
        cohere.close();
        bedrock.close();
    }
}
