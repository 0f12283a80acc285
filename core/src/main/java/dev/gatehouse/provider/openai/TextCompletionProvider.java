package dev.gatehouse.provider.openai;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chat served by OpenAI's legacy Completions API ({@code POST /v1/completions}), for instruct
 * models such as gpt-3.5-turbo-instruct, and for OpenAI-compatible servers (vLLM) at the
 * deployment's base URL, which serve the same endpoint. The conversation becomes one prompt
 * ({@link TextCompletionPrompt}); the completion comes back as a chat answer. LiteLLM calls this
 * provider {@code text-completion-openai}.
 */
public final class TextCompletionProvider implements ChatProvider {

    public static final String ID = "openai_text_completion";
    static final String NAME = "OpenAI Completions";

    /** Errors and names as OpenAI's; only the address and the endpoint differ from OpenAI's chat. */
    static final CompatibleProfile PROFILE = CompatibleProfile.plain(ID, NAME, "https://api.openai.com/v1", true);

    private final UpstreamCalls.Errors errors;

    public TextCompletionProvider() {
        this(Clock.systemUTC());
    }

    TextCompletionProvider(Clock clock) {
        this.errors = OpenAiErrors.of(PROFILE, clock);
    }

    /** The images of a chat have no place in a text prompt: refused before any is fetched. */
    @Override
    public boolean acceptsImageUrls() {
        return true;
    }

    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return TextCompletionFields.check(request, deployment);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        ChatRequest plain = request.toBuilder().stream(false).includeUsage(false).build();
        return TextCompletionResponseMapper.toChatResponse(UpstreamCalls.json(upstream.transport(),
                call(plain, upstream.deployment()), errors, NAME), NAME);
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        ChatRequest streaming = request.toBuilder().stream(true).build();
        return new SseChatStream(UpstreamCalls.open(upstream.transport(), call(streaming, upstream.deployment()),
                errors), new TextCompletionStreamDecoder(PROFILE, request.includeUsage()));
    }

    private static UpstreamRequest call(ChatRequest request, Deployment deployment) {
        byte[] body = Json.bytes(TextCompletionRequestMapper.toCompletion(request, deployment));
        Map<String, String> headers = new LinkedHashMap<>();
        if (deployment.apiKey() != null) {
            headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        if (request.stream()) {
            headers.put("accept", "text/event-stream");
        }
        return UpstreamRequest.postJson(endpoint(deployment), headers, body, deployment.timeout())
                .withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
    }

    /** The deployment's API root (OpenAI's by default) + {@code /completions}. */
    static URI endpoint(Deployment deployment) {
        URI base = deployment.baseUrlOr(PROFILE.defaultBaseUrl());
        if (base == null) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' has no base URL.",
                    "model");
        }
        String root = base.toString();
        while (root.endsWith("/")) {
            root = root.substring(0, root.length() - 1);
        }
        return URI.create(root + "/completions");
    }
}
