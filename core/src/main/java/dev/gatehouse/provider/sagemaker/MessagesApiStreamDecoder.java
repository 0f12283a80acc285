package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.Usage;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.StreamChunks;
import dev.gatehouse.provider.StreamDecoder;
import dev.gatehouse.secret.Redaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The Messages API's streamed chunks (OpenAI's format, ending with {@code data: [DONE]}) → the
 * chunks the caller gets, for one stream. Every chunk gets the stream's id, model and creation
 * time (TGI sends an empty id); a first chunk without the assistant's role gets one before it.
 * The usage, which the request always asks for, is kept and shown only to callers who asked, in
 * a last chunk without choices, wherever the container put it. An event {@code {"error": …}} is
 * the container's error in a stream (TGI's is a string, OpenAI's an object).
 */
final class MessagesApiStreamDecoder implements StreamDecoder {

    private final StreamChunks chunks;
    private final String id;
    private final String model;
    private final long created;
    private boolean started;
    private boolean sawFinishReason;
    private boolean done;
    private Usage usage;

    MessagesApiStreamDecoder(String id, String model, long created, boolean includeUsage) {
        this.chunks = new StreamChunks(id, model, created, includeUsage);
        this.id = id;
        this.model = model;
        this.created = created;
    }

    @Override
    public boolean finished() {
        return done;
    }

    @Override
    public List<ChatChunk> onEvent(ServerSentEvent event) {
        if (done) {
            return List.of();
        }
        if (event.data().equals("[DONE]")) {
            done = true;
            return closing();
        }
        JsonNode node = Json.parseUpstream(event.data(), SageMakerProvider.NAME);
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            String message = error.isTextual() ? error.asText() : Json.textOrNull(error, "message");
            throw new GatewayException.UpstreamServerError("the model on SageMaker failed in the middle of the stream"
                    + (message == null ? "" : ": " + Redaction.redact(message)), 0, event.data());
        }
        ChatChunk read = ChatChunkJson.read(node);
        if (read.usage() != null) {
            usage = read.usage();
        }
        if (read.choices().isEmpty()) {
            return List.of(); // the usage chunk: shown at the end, to callers who asked
        }
        List<ChatChunk> out = new ArrayList<>(2);
        if (!started) {
            started = true;
            if (read.choices().getFirst().delta().role() == null) {
                out.add(chunks.choice(ChatChunk.Delta.role("assistant"), null));
            }
        }
        if (read.choices().stream().anyMatch(choice -> choice.finishReason() != null)) {
            sawFinishReason = true;
        }
        out.add(new ChatChunk(id, created, model, read.choices(), null));
        return out;
    }

    /** A body that ends without [DONE] is complete once a finish reason has come; before that it was cut off. */
    @Override
    public List<ChatChunk> onEnd() {
        if (done) {
            return List.of();
        }
        if (!sawFinishReason) {
            throw new GatewayException.TransportFailure("SageMaker's stream ended before the answer finished", null);
        }
        done = true;
        return closing();
    }

    private List<ChatChunk> closing() {
        List<ChatChunk> out = new ArrayList<>(1);
        chunks.addUsage(out, usage);
        return out;
    }
}
