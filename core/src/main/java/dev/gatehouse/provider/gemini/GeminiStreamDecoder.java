package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.ServerSentEvent;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.StreamDecoder;
import dev.gatehouse.provider.StreamChunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decodes one {@code :streamGenerateContent?alt=sse} stream into OpenAI chunks; one decoder
 * per stream, holding that stream's state.
 *
 * <p>Each event is a whole {@code GenerateContentResponse} whose text parts are deltas and whose
 * {@code functionCall} parts arrive whole. The decoder sends the role on each choice's first
 * delta, text and reasoning deltas as they come, and each function call as one complete
 * tool-call delta (running index, id, name, all arguments). Gemini ends a stream by closing the
 * body, with no sentinel: {@link #finish()} then sends the finish reason of each choice, once,
 * and, when the caller asked for it, the usage of the last (cumulative) {@code usageMetadata}
 * in a last chunk without choices. Every chunk carries the id of the first event (its
 * {@code responseId}) and one {@code created} time.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private static final class Candidate {
        boolean roleSent;
        int calls;
        FinishReason finish;
    }

    private final StreamChunks chunks;
    private final Map<Integer, Candidate> candidates = new TreeMap<>();
    private String responseId;
    private Usage usage;

    /** {@code requestModel} names the answer until the upstream's first event names its own. */
    GeminiStreamDecoder(String requestModel, boolean includeUsage, long created) {
        this.chunks = new StreamChunks(null, requestModel, created, includeUsage);
    }

    /** Gemini streams end by closing the body: no event says the stream is complete. */
    @Override
    public boolean finished() {
        return false;
    }

    /** The chunks for one event's data; an error event throws its mapped {@link GatewayException}. */
    @Override
    public List<ChatChunk> onEvent(ServerSentEvent sse) {
        String data = sse.data();
        JsonNode event = Json.parseUpstream(data, "Gemini");
        if (GeminiErrors.isError(event)) {
            throw GeminiErrors.fromStreamEvent(event, data);
        }
        if (!chunks.started()) {
            responseId = Json.textOrNull(event, "responseId");
            chunks.start(responseId != null ? responseId : GeminiResponseMapper.newId(),
                    GeminiResponseMapper.modelOf(event, chunks.model()));
        }
        if (event.has("usageMetadata")) {
            usage = GeminiUsage.of(event.get("usageMetadata"));
        }
        JsonNode received = event.path("candidates");
        if (!received.isArray() || received.isEmpty()) {
            if (event.path("promptFeedback").has("blockReason")) {
                throw GeminiResponseMapper.noCandidates(event);
            }
            return List.of(); // An event with only usage or metadata.
        }
        List<ChatChunk.Choice> choices = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            JsonNode candidate = received.get(i);
            int index = candidate.path("index").asInt(i);
            Candidate state = candidates.computeIfAbsent(index, k -> new Candidate());
            GeminiResponseMapper.Parts parts =
                    GeminiResponseMapper.readParts(candidate.path("content"), responseId, index, state.calls);
            List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
            for (ToolCall call : parts.toolCalls()) {
                calls.add(new ChatChunk.ToolCallDelta(state.calls++, call.id(), call.name(), call.arguments()));
            }
            String reason = Json.textOrNull(candidate, "finishReason");
            if (reason != null) {
                state.finish = GeminiFinishReasons.toOpenAi(reason, state.calls > 0, data);
            }
            if (parts.text() != null || parts.reasoning() != null || !calls.isEmpty()) {
                String role = state.roleSent ? null : "assistant";
                state.roleSent = true;
                choices.add(new ChatChunk.Choice(index,
                        new ChatChunk.Delta(role, parts.text(), parts.reasoning(), calls, null), null));
            }
        }
        return choices.isEmpty() ? List.of() : List.of(chunks.choices(choices));
    }

    /**
     * The last chunks, once the body has ended cleanly: each choice's finish reason, then the
     * usage chunk if asked for. A body that ended before every choice had a finish reason was
     * cut short, and is an error.
     */
    @Override
    public List<ChatChunk> onEnd() {
        if (candidates.isEmpty() || candidates.values().stream().anyMatch(c -> c.finish == null)) {
            throw new GatewayException.UpstreamServerError(
                    "Gemini's stream ended before it said why the model stopped (no finishReason)", 0, null);
        }
        List<ChatChunk.Choice> choices = new ArrayList<>();
        candidates.forEach((index, state) -> choices.add(new ChatChunk.Choice(index,
                state.roleSent ? ChatChunk.Delta.EMPTY : ChatChunk.Delta.role("assistant"), state.finish)));
        List<ChatChunk> last = new ArrayList<>();
        last.add(chunks.choices(choices));
        chunks.addUsage(last, usage);
        return last;
    }
}
