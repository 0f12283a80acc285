package dev.gatehouse.api.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canonical stream chunks → the Responses API's stream events, for one stream (one object per
 * stream; it holds the stream's state). The sequence is the one
 * https://platform.openai.com/docs/api-reference/responses-streaming describes, every event with
 * {@code type} and a {@code sequence_number} counting from 0: {@code response.created},
 * {@code response.in_progress}; per output item {@code response.output_item.added}, its parts and
 * deltas, {@code response.output_item.done}; then {@code response.completed} or
 * {@code response.incomplete} carrying the whole Response, written by {@link ResponseJson} as the
 * non-streamed answer is, so the two agree. A failure after the start ends the stream with
 * {@code response.failed} (status failed, {@code error} set), which is how OpenAI reports a
 * response that failed; its separate {@code error} event is for errors outside a response.
 *
 * <p>Chat streams interleave: reasoning, text and several tool calls arrive by index. Reasoning
 * and text are one item each until something else starts (then a later reasoning or text starts a
 * new item, as a model's output may hold several); tool calls stay open together, so arguments
 * may come for any of them, until reasoning or text starts or the stream ends. Items close in
 * output order. The pieces of a reasoning signature join the reasoning item being written (or open
 * one, for redacted reasoning), and become its {@code encrypted_content} when it is done.
 */
public final class ResponsesStreamEncoder {

    /** One server-sent event: its {@code event:} name (the data's {@code type}) and {@code data:} JSON. */
    public record Event(String type, ObjectNode data) {}

    private enum Kind { REASONING, TEXT, CALL }

    /** An output item as it is being streamed. */
    private static final class Building {
        final Kind kind;
        final int outputIndex;
        final String id;
        final StringBuilder text = new StringBuilder();
        final StringBuilder refusal = new StringBuilder();
        /** For reasoning: the provider's reasoning signature, joined from its pieces. */
        final StringBuilder signature = new StringBuilder();
        String callId;
        String name;
        /** Which part is open (for a message: 0 or 1, and its kind; for reasoning: its one text part), and how many. */
        boolean refusalPartOpen;
        boolean partOpen;
        int parts;
        boolean closed;

        Building(Kind kind, int outputIndex, String id) {
            this.kind = kind;
            this.outputIndex = outputIndex;
            this.id = id;
        }

        OutputItem item() {
            return switch (kind) {
                case REASONING -> new OutputItem.Reasoning(id, text.toString(),
                        signature.isEmpty() ? null : signature.toString());
                case TEXT -> new OutputItem.Text(id, text.isEmpty() ? null : text.toString(),
                        refusal.isEmpty() ? null : refusal.toString());
                case CALL -> new OutputItem.FunctionCall(id, callId, name, text.toString());
            };
        }
    }

    private final ResponsesRequest request;
    private final String responseId;
    private final long createdAt;
    private final boolean summary;
    private final List<Building> items = new ArrayList<>();
    private final Map<Integer, Building> callByIndex = new HashMap<>();
    private List<Event> out;
    private int sequence;
    private boolean started;
    private boolean ended;
    private FinishReason finish;
    private Usage usage;
    private ObjectNode finalResponse;

    /**
     * @param request the request being answered (its settings are echoed in every Response object)
     * @param responseId the response's id ({@link ResponseIds#response()})
     * @param createdAt when the response was created, in Unix seconds
     */
    public ResponsesStreamEncoder(ResponsesRequest request, String responseId, long createdAt) {
        this.request = request;
        this.responseId = responseId;
        this.createdAt = createdAt;
        this.summary = request.reasoningSummary() != null;
    }

    /** The events one chunk yields (the first chunk also yields the two that start the stream). */
    public List<Event> onChunk(ChatChunk chunk) {
        out = new ArrayList<>();
        ensureStarted();
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // A Responses request asks for one answer; an upstream has no reason to send more.
            }
            ChatChunk.Delta delta = choice.delta();
            if (delta.reasoningContent() != null && !delta.reasoningContent().isEmpty()) {
                reasoning(delta.reasoningContent());
            }
            if (delta.reasoningSignature() != null && !delta.reasoningSignature().isEmpty()) {
                reasoningSignature(delta.reasoningSignature());
            }
            if (delta.content() != null && !delta.content().isEmpty()) {
                text(delta.content(), false);
            }
            if (delta.refusal() != null && !delta.refusal().isEmpty()) {
                text(delta.refusal(), true);
            }
            for (ChatChunk.ToolCallDelta call : delta.toolCalls()) {
                toolCall(call);
            }
            if (choice.finishReason() != null) {
                finish = choice.finishReason();
            }
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        return out;
    }

    /** The events that end a stream that ran to its end: open items closed, then the final Response. */
    public List<Event> finish() {
        out = new ArrayList<>();
        ensureStarted();
        closeAll();
        ended = true;
        finalResponse = ResponseJson.write(request, new ResponseJson.Outcome(responseId, createdAt, outputItems(),
                finish, usage, null));
        String type = finalResponse.path("status").asText().equals("incomplete") ? "response.incomplete"
                : "response.completed";
        emit(type).set("response", finalResponse);
        return out;
    }

    /** The event that ends a stream which failed midway: {@code response.failed}, with what was produced so far. */
    public List<Event> fail(GatewayException failure) {
        out = new ArrayList<>();
        ensureStarted();
        ended = true;
        finalResponse = ResponseJson.write(request, new ResponseJson.Outcome(responseId, createdAt, outputItems(),
                finish, usage, failure));
        emit("response.failed").set("response", finalResponse);
        return out;
    }

    /** The Response the stream ended with (for the store); null before {@link #finish} or {@link #fail}. */
    public ObjectNode finalResponse() {
        return finalResponse;
    }

    private void ensureStarted() {
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        if (!started) {
            started = true;
            emit("response.created").set("response", ResponseJson.inProgress(request, responseId, createdAt));
            emit("response.in_progress").set("response", ResponseJson.inProgress(request, responseId, createdAt));
        }
    }

    private void reasoning(String delta) {
        Building item = current(Kind.REASONING);
        if (item == null) {
            closeAll();
            item = open(Kind.REASONING, "rs");
        }
        if (!item.partOpen) {
            item.partOpen = true;
            if (summary) {
                ObjectNode added = itemEvent("response.reasoning_summary_part.added", item).put("summary_index", 0);
                added.putObject("part").put("type", "summary_text").put("text", "");
            } else {
                ObjectNode added = itemEvent("response.content_part.added", item).put("content_index", 0);
                added.putObject("part").put("type", "reasoning_text").put("text", "");
            }
        }
        item.text.append(delta);
        if (summary) {
            itemEvent("response.reasoning_summary_text.delta", item).put("summary_index", 0).put("delta", delta);
        } else {
            itemEvent("response.reasoning_text.delta", item).put("content_index", 0).put("delta", delta);
        }
    }

    /**
     * A piece of the reasoning signature: it belongs to the reasoning being written (a block's piece
     * comes as the block ends), or opens a reasoning item of its own when none is (redacted
     * reasoning has no text). It is written only in the item's {@code output_item.done} and the
     * final Response, as {@code encrypted_content}, since a piece alone is of no use.
     */
    private void reasoningSignature(String piece) {
        Building item = current(Kind.REASONING);
        if (item == null) {
            closeAll();
            item = open(Kind.REASONING, "rs");
        }
        item.signature.append(piece);
    }

    private void text(String delta, boolean isRefusal) {
        Building item = current(Kind.TEXT);
        if (item == null) {
            closeAll();
            item = open(Kind.TEXT, "msg");
        }
        if (item.partOpen && item.refusalPartOpen != isRefusal) {
            closePart(item);
        }
        if (!item.partOpen) {
            item.partOpen = true;
            item.refusalPartOpen = isRefusal;
            item.parts++;
            ObjectNode added = itemEvent("response.content_part.added", item).put("content_index", item.parts - 1);
            added.set("part", isRefusal ? ResponseJson.refusalPart("") : ResponseJson.textPart(""));
        }
        if (isRefusal) {
            item.refusal.append(delta);
            itemEvent("response.refusal.delta", item).put("content_index", item.parts - 1).put("delta", delta);
        } else {
            item.text.append(delta);
            ObjectNode event = itemEvent("response.output_text.delta", item).put("content_index", item.parts - 1)
                    .put("delta", delta);
            event.putArray("logprobs");
        }
    }

    private void toolCall(ChatChunk.ToolCallDelta call) {
        Building item = callByIndex.get(call.index());
        if (item == null) {
            if (call.id() == null || call.name() == null) {
                throw new GatewayException.UpstreamServerError(
                        "the upstream streamed arguments of a tool call before its id and name", 0, null);
            }
            closeOpenReasoningOrText();
            item = open(Kind.CALL, "fc", call.id(), call.name());
            callByIndex.put(call.index(), item);
        } else if (item.closed) {
            throw new GatewayException.UpstreamServerError(
                    "the upstream went back to a tool call after its output item was closed", 0, null);
        }
        if (call.arguments() != null && !call.arguments().isEmpty()) {
            item.text.append(call.arguments());
            itemEvent("response.function_call_arguments.delta", item).put("delta", call.arguments());
        }
    }

    /** The open item of {@code kind}, if it is the one being written (reasoning and text only). */
    private Building current(Kind kind) {
        Building last = items.isEmpty() ? null : items.getLast();
        return last != null && !last.closed && last.kind == kind ? last : null;
    }

    private Building open(Kind kind, String prefix) {
        return open(kind, prefix, null, null);
    }

    private Building open(Kind kind, String prefix, String callId, String name) {
        Building item = new Building(kind, items.size(), ResponseIds.item(prefix, responseId, items.size()));
        item.callId = callId;
        item.name = name;
        items.add(item);
        ObjectNode added = emit("response.output_item.added").put("output_index", item.outputIndex);
        ObjectNode wire = ResponseJson.item(request, item.item(), "in_progress");
        if (kind == Kind.REASONING) {
            // The added item carries no text yet: its parts are announced by their own events.
            wire.putArray("summary");
            wire.remove("content");
        }
        added.set("item", wire);
        return item;
    }

    private void closeOpenReasoningOrText() {
        for (Building item : items) {
            if (!item.closed && item.kind != Kind.CALL) {
                close(item);
            }
        }
    }

    private void closeAll() {
        for (Building item : items) {
            if (!item.closed) {
                close(item);
            }
        }
    }

    private void close(Building item) {
        item.closed = true;
        switch (item.kind) {
            case REASONING -> {
                String text = item.text.toString();
                // Only a signature (redacted reasoning) announced no text part, so none is closed.
                if (item.partOpen && summary) {
                    itemEvent("response.reasoning_summary_text.done", item).put("summary_index", 0).put("text", text);
                    itemEvent("response.reasoning_summary_part.done", item).put("summary_index", 0)
                            .putObject("part").put("type", "summary_text").put("text", text);
                } else if (item.partOpen) {
                    itemEvent("response.reasoning_text.done", item).put("content_index", 0).put("text", text);
                    itemEvent("response.content_part.done", item).put("content_index", 0)
                            .putObject("part").put("type", "reasoning_text").put("text", text);
                }
            }
            case TEXT -> closePart(item);
            // The name as the caller knows it: a namespaced function's own name, without its namespace.
            case CALL -> itemEvent("response.function_call_arguments.done", item)
                    .put("name", ResponseJson.item(request, item.item(), "completed").path("name").asText())
                    .put("arguments", item.text.toString());
        }
        boolean cutShort = ResponseJson.incompleteReason(finish) != null && item == items.getLast();
        emit("response.output_item.done").put("output_index", item.outputIndex)
                .set("item", ResponseJson.item(request, item.item(), cutShort ? "incomplete" : "completed"));
    }

    private void closePart(Building item) {
        if (!item.partOpen) {
            return;
        }
        item.partOpen = false;
        int index = item.parts - 1;
        if (item.refusalPartOpen) {
            String refusal = item.refusal.toString();
            itemEvent("response.refusal.done", item).put("content_index", index).put("refusal", refusal);
            itemEvent("response.content_part.done", item).put("content_index", index)
                    .set("part", ResponseJson.refusalPart(refusal));
        } else {
            String text = item.text.toString();
            ObjectNode done = itemEvent("response.output_text.done", item).put("content_index", index)
                    .put("text", text);
            done.putArray("logprobs");
            itemEvent("response.content_part.done", item).put("content_index", index)
                    .set("part", ResponseJson.textPart(text));
        }
    }

    private List<OutputItem> outputItems() {
        return items.stream().map(Building::item).toList();
    }

    private ObjectNode itemEvent(String type, Building item) {
        return emit(type).put("item_id", item.id).put("output_index", item.outputIndex);
    }

    private ObjectNode emit(String type) {
        ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence++);
        out.add(new Event(type, data));
        return data;
    }
}
