package dev.gatehouse.provider.anthropic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.TokenCounter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * OpenAI-format chat served by Anthropic's Messages API: {@code POST {base}/v1/messages} with
 * the {@code x-api-key} and {@code anthropic-version} headers. The translation lives in
 * {@link AnthropicRequestMapper}, {@link AnthropicResponseMapper},
 * {@link AnthropicStreamDecoder} and {@link AnthropicErrors}. Input tokens are counted exactly
 * with {@code POST {base}/v1/messages/count_tokens}.
 */
public final class AnthropicProvider implements ChatProvider, TokenCounter {

    /** Anthropic's API root, used when the deployment names none. */
    public static final URI DEFAULT_BASE_URL = URI.create("https://api.anthropic.com");
    /** The API version Gatehouse speaks; its wire format is what the mappers follow. */
    static final String API_VERSION = "2023-06-01";

    private final Transport transport;

    public AnthropicProvider(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    @Override
    public ChatResponse chat(ChatRequest request, Deployment deployment) {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        try (UpstreamResponse response = send(body, deployment)) {
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
        UpstreamResponse response = send(body, deployment);
        if (!response.isSuccess()) {
            String error = new String(response.readAll(), StandardCharsets.UTF_8); // reading it closes it
            throw AnthropicErrors.fromResponse(response.status(), response.headers(), error);
        }
        return new SseChatStream(response, new AnthropicStreamDecoder(request.includeUsage()));
    }

    /**
     * The fields of a Messages body that count_tokens takes
     * (https://platform.claude.com/docs/en/api/messages/count_tokens); the generation settings
     * (max_tokens, sampling, stop sequences, metadata) are not among them and are left out.
     */
    private static final Set<String> COUNT_TOKENS_FIELDS = Set.of("model", "messages", "system", "tools",
            "tool_choice", "thinking", "output_config");

    @Override
    public int countInputTokens(ChatRequest request, Deployment deployment) {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(request, deployment);
        body.retain(COUNT_TOKENS_FIELDS);
        try (UpstreamResponse response = send(body, deployment, "/v1/messages/count_tokens")) {
            byte[] bytes = response.readAll();
            if (!response.isSuccess()) {
                throw AnthropicErrors.fromResponse(response.status(), response.headers(),
                        new String(bytes, StandardCharsets.UTF_8));
            }
            var answer = Json.parseUpstream(bytes, "Anthropic");
            Integer tokens = Json.intOrNull(answer, "input_tokens");
            if (tokens == null) {
                throw new dev.gatehouse.api.GatewayException.UpstreamServerError(
                        "Anthropic's count_tokens answer has no input_tokens", 0, Json.text(answer));
            }
            return tokens;
        }
    }

    private UpstreamResponse send(ObjectNode body, Deployment deployment) {
        return send(body, deployment, "/v1/messages");
    }

    private UpstreamResponse send(ObjectNode body, Deployment deployment, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null) {
            headers.put("x-api-key", deployment.apiKey().reveal());
        }
        headers.put("anthropic-version", API_VERSION);
        return transport.send(UpstreamRequest.postJson(endpoint(deployment, path), headers, Json.bytes(body),
                deployment.timeout()).withTotalTimeout(deployment.totalTimeout()));
    }

    /** {@code {base}/v1/messages}; a base URL with a path (a corporate proxy) keeps it. */
    static URI endpoint(Deployment deployment) {
        return endpoint(deployment, "/v1/messages");
    }

    private static URI endpoint(Deployment deployment, String path) {
        String base = deployment.baseUrlOr(DEFAULT_BASE_URL).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }
}
