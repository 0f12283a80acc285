package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.NativeMessages;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.TokenCounter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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

    private final Transport transport;
    private final AnthropicPlatform platform;

    public AnthropicProvider(Transport transport) {
        this(transport, new AnthropicPlatform.AnthropicApi());
    }

    private AnthropicProvider(Transport transport, AnthropicPlatform platform) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.platform = platform;
    }

    /** Claude on Google Cloud's Vertex AI, authenticated with a service account's OAuth tokens. */
    public static AnthropicProvider vertex(Transport transport) {
        return new AnthropicProvider(transport, new AnthropicPlatform.Vertex(new VertexAi(transport)));
    }

    @Override
    public ChatResponse chat(ChatRequest request, Deployment deployment) {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        try (UpstreamResponse response = send(body, deployment, platform.messagesUrl(deployment, request.model(), false))) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw AnthropicErrors.fromResponse(response.status(), response.headers(),
                        new String(bytes, StandardCharsets.UTF_8));
            }
            return AnthropicResponseMapper.toChatResponse(Json.parseUpstream(bytes, "Anthropic"));
        }
    }

    @Override
    public ChatStream stream(ChatRequest request, Deployment deployment) {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        body.put("stream", true);
        UpstreamResponse response = send(body, deployment, platform.messagesUrl(deployment, request.model(), true));
        if (!response.isSuccess()) {
            String error = new String(response.readAll(), StandardCharsets.UTF_8); // reading it closes it
            throw AnthropicErrors.fromResponse(response.status(), response.headers(), error);
        }
        return new SseChatStream(response, new AnthropicStreamDecoder(request.includeUsage()));
    }

    @Override
    public boolean countsTokensFor(Deployment deployment) {
        return platform.countTokensUrl(deployment) != null;
    }

    @Override
    public int countInputTokens(ChatRequest request, Deployment deployment) {
        URI url = platform.countTokensUrl(deployment);
        if (url == null) {
            throw new IllegalStateException("token counting is not available for deployment " + deployment.model());
        }
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        body.retain(COUNT_TOKENS_FIELDS);
        try (UpstreamResponse response = send(body, deployment, url)) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw AnthropicErrors.fromResponse(response.status(), response.headers(),
                        new String(bytes, StandardCharsets.UTF_8));
            }
            var answer = Json.parseUpstream(bytes, "Anthropic");
            Integer tokens = Json.intOrNull(answer, "input_tokens");
            if (tokens == null) {
                throw new GatewayException.UpstreamServerError(
                        "Anthropic's count_tokens answer has no input_tokens", 0, Json.text(answer));
            }
            return tokens;
        }
    }

    @Override
    public JsonNode createMessage(ObjectNode body, String beta, Deployment deployment) {
        body.put("model", deployment.upstreamModel());
        body.remove("stream");
        URI url = platform.messagesUrl(deployment, deployment.upstreamModel(), false);
        try (UpstreamResponse response = send(body, deployment, url, beta)) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw AnthropicErrors.fromResponse(response.status(), response.headers(),
                        new String(bytes, StandardCharsets.UTF_8));
            }
            return Json.parseUpstream(bytes, "Anthropic");
        }
    }

    @Override
    public EventStream<ServerSentEvent> streamMessage(ObjectNode body, String beta, Deployment deployment) {
        body.put("model", deployment.upstreamModel());
        body.put("stream", true);
        URI url = platform.messagesUrl(deployment, deployment.upstreamModel(), true);
        UpstreamResponse response = send(body, deployment, url, beta);
        if (!response.isSuccess()) {
            String error = new String(response.readAll(), StandardCharsets.UTF_8); // reading it closes it
            throw AnthropicErrors.fromResponse(response.status(), response.headers(), error);
        }
        return new AnthropicEventStream(response);
    }

    private UpstreamResponse send(ObjectNode body, Deployment deployment, URI url) {
        return send(body, deployment, url, null);
    }

    /**
     * Sends a body; the caller's {@code anthropic-beta} goes to Anthropic's own API when it is a
     * list of beta names (Vertex AI gets none: its betas are not Anthropic's to pass).
     */
    private UpstreamResponse send(ObjectNode body, Deployment deployment, URI url, String beta) {
        Map<String, String> headers = new LinkedHashMap<>(platform.headers(deployment));
        if (beta != null && platform instanceof AnthropicPlatform.AnthropicApi && BETA.matcher(beta.strip()).matches()) {
            headers.put("anthropic-beta", beta.strip());
        }
        return transport.send(UpstreamRequest.postJson(url, headers, Json.bytes(platform.adapt(body)),
                deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout()));
    }

    /** {@code {base}/v1/messages} on Anthropic's API; a base URL with a path (a corporate proxy) keeps it. */
    static URI endpoint(Deployment deployment) {
        return new AnthropicPlatform.AnthropicApi().messagesUrl(deployment, "", false);
    }
}
