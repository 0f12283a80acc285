package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.provider.RelayedEventStream;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.TokenCounter;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * OpenAI-format chat served by Anthropic's Messages API: {@code POST {base}/v1/messages} with
 * the {@code x-api-key} and {@code anthropic-version} headers (provider id {@code anthropic}),
 * or Claude on Vertex AI (provider id {@code vertex_anthropic}, see {@link AnthropicPlatform}).
 * The translation lives in {@link AnthropicRequestMapper}, {@link AnthropicResponseMapper},
 * {@link AnthropicStreamDecoder} and {@link AnthropicErrors}. Input tokens are counted exactly
 * with {@code POST {base}/v1/messages/count_tokens} on Anthropic's API.
 */
public final class AnthropicProvider implements ChatProvider, TokenCounter, NativeMessages {

    /** Anthropic's API root, used when the deployment names none. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    /** The API version Gatehouse speaks; its wire format is what the mappers follow. */
    static final String API_VERSION = "2023-06-01";

    /**
     * The fields of a Messages body that count_tokens takes
     * (https://platform.claude.com/docs/en/api/messages/count_tokens); the generation settings
     * (max_tokens, sampling, stop sequences, metadata) are not among them and are left out.
     */
    private static final Set<String> COUNT_TOKENS_FIELDS = Set.of("model", "messages", "system", "tools",
            "tool_choice", "thinking", "output_config");

    /** Beta names are short tokens; anything else in the header is not passed on. */
    private static final Pattern BETA = Pattern.compile("[A-Za-z0-9._-]+(\\s*,\\s*[A-Za-z0-9._-]+)*");

    private final AnthropicPlatform platform;

    public AnthropicProvider() {
        this(new AnthropicPlatform.AnthropicApi());
    }

    private AnthropicProvider(AnthropicPlatform platform) {
        this.platform = platform;
    }

    /** Claude on Google Cloud's Vertex AI, authenticated with a service account's OAuth tokens. */
    public static AnthropicProvider vertex() {
        return new AnthropicProvider(new AnthropicPlatform.Vertex(new VertexAi()));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        URI url = platform.messagesUrl(deployment, request.model(), false);
        return AnthropicResponseMapper.toChatResponse(UpstreamCalls.json(upstream.transport(),
                call(body, upstream, url, null), AnthropicErrors.ERRORS, "Anthropic"));
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        body.put("stream", true);
        URI url = platform.messagesUrl(deployment, request.model(), true);
        return new SseChatStream(UpstreamCalls.open(upstream.transport(), call(body, upstream, url, null),
                AnthropicErrors.ERRORS), new AnthropicStreamDecoder(request.includeUsage()));
    }

    @Override
    public boolean countsTokensFor(Deployment deployment) {
        return platform.countTokensUrl(deployment) != null;
    }

    @Override
    public int countInputTokens(ChatRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        URI url = platform.countTokensUrl(deployment);
        if (url == null) {
            throw new IllegalStateException("token counting is not available for deployment " + deployment.model());
        }
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        body.retain(COUNT_TOKENS_FIELDS);
        JsonNode answer = UpstreamCalls.json(upstream.transport(), call(body, upstream, url, null),
                AnthropicErrors.ERRORS, "Anthropic");
        Integer tokens = Json.intOrNull(answer, "input_tokens");
        if (tokens == null) {
            throw new GatewayException.UpstreamServerError(
                    "Anthropic's count_tokens answer has no input_tokens", 0, Json.text(answer));
        }
        return tokens;
    }

    @Override
    public JsonNode createMessage(ObjectNode body, String beta, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        body.put("model", deployment.upstreamModel());
        body.remove("stream");
        URI url = platform.messagesUrl(deployment, deployment.upstreamModel(), false);
        return UpstreamCalls.json(upstream.transport(), call(body, upstream, url, beta), AnthropicErrors.ERRORS,
                "Anthropic");
    }

    @Override
    public EventStream<ServerSentEvent> streamMessage(ObjectNode body, String beta, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        body.put("model", deployment.upstreamModel());
        body.put("stream", true);
        URI url = platform.messagesUrl(deployment, deployment.upstreamModel(), true);
        return new RelayedEventStream(UpstreamCalls.open(upstream.transport(), call(body, upstream, url, beta),
                AnthropicErrors.ERRORS), "Anthropic's stream", "message_stop",
                event -> "message_stop".equals(event.name()) || "error".equals(event.name()));
    }

    /**
     * The call of a body; the caller's {@code anthropic-beta} goes to Anthropic's own API when it is a
     * list of beta names (Vertex AI gets none: its betas are not Anthropic's to pass).
     */
    private UpstreamRequest call(ObjectNode body, Upstream upstream, URI url, String beta) {
        Deployment deployment = upstream.deployment();
        Map<String, String> headers = new LinkedHashMap<>(platform.headers(deployment, upstream.transport()));
        if (beta != null && platform instanceof AnthropicPlatform.AnthropicApi && BETA.matcher(beta.strip()).matches()) {
            headers.put("anthropic-beta", beta.strip());
        }
        return UpstreamRequest.postJson(url, headers, Json.bytes(platform.adapt(body)), deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    /** {@code {base}/v1/messages} on Anthropic's API; a base URL with a path (a corporate proxy) keeps it. */
    static URI endpoint(Deployment deployment) {
        return new AnthropicPlatform.AnthropicApi().messagesUrl(deployment, "", false);
    }
}
