package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.StreamChunks;
import dev.gatehouse.provider.StreamDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * TGI's streamed events → OpenAI chunks, for one stream. Each event's data is one
 * {@code StreamResponse}: {@code {"token": {"text", "special", …}, "generated_text": null,
 * "details": null}}; the last one has the whole {@code generated_text}, and its {@code details}
 * ({@code finish_reason}, {@code generated_tokens}, and in some TGI versions the prompt's tokens
 * as {@code prompt_tokens} or {@code input_length}) when the deployment asked for them
 * ({@code tgi_details}). Special tokens (the end-of-sequence token) are not text, as TGI's own
 * client skips them. An event {@code {"error": …}} is TGI's error in a stream.
 *
 * <p>Without the prompt's count, a stream reports no usage and the gateway counts the tokens
 * itself (the spend row is then marked {@code cost_estimated}, docs/spend.md).
 */
final class TgiStreamDecoder implements StreamDecoder {

    private final StreamChunks chunks;
    private boolean started;
    private boolean finished;

    TgiStreamDecoder(String id, String model, long created, boolean includeUsage) {
        this.chunks = new StreamChunks(id, model, created, includeUsage);
    }

    @Override
    public boolean finished() {
        return finished;
    }

    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (finished) {
            return List.of();
        }
        JsonNode data = Json.parseUpstream(event.data(), SageMakerProvider.NAME);
        String error = Json.textOrNull(data, "error");
        if (error != null) {
            throw new GatewayException.UpstreamServerError("the model on SageMaker failed in the middle of the stream: "
                    + dev.gatehouse.secret.Redaction.redact(error), 0, event.data());
        }
        List<ChatChunk> out = new ArrayList<>(3);
        if (!started) {
            started = true;
            out.add(chunks.choice(ChatChunk.Delta.role("assistant"), null));
        }
        JsonNode token = data.path("token");
        if (!token.path("special").asBoolean(false)) {
            out.addAll(chunks.text(Json.textOrNull(token, "text"), false));
        }
        JsonNode generated = data.get("generated_text");
        if (generated != null && generated.isTextual()) {
            finished = true;
            JsonNode details = data.get("details");
            out.add(chunks.choice(ChatChunk.Delta.EMPTY,
                    TgiResponseMapper.finishReason(Json.textOrNull(details, "finish_reason"))));
            chunks.addUsage(out, usage(details));
        }
        return out;
    }

    /** A body that ends before TGI's last event was cut off. */
    @Override
    public List<ChatChunk> onEnd() {
        if (!finished) {
            throw new GatewayException.TransportFailure("SageMaker's stream ended before its last event", null);
        }
        return List.of();
    }

    private static Usage usage(JsonNode details) {
        Integer generated = Json.intOrNull(details, "generated_tokens");
        Integer prompt = Json.intOrNull(details, "prompt_tokens");
        if (prompt == null) {
            prompt = Json.intOrNull(details, "input_length");
        }
        return generated == null || prompt == null ? null : Usage.of(prompt, generated);
    }
}
