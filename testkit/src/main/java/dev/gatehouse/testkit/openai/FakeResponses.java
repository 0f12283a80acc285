package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The replies of a {@link FakeOpenAi} to OpenAI's Responses API ({@code POST /v1/responses},
 * Azure's {@code /openai/v1/responses} and {@code /openai/responses}), scripted per test: whole
 * Response objects, or their documented event stream ({@code response.created},
 * {@code response.in_progress}, per item {@code response.output_item.added}, its parts and deltas,
 * {@code response.output_item.done}, then {@code response.completed}), every event with its
 * {@code type} and a {@code sequence_number} from 0, sent as {@code event:}/{@code data:} pairs with
 * no {@code [DONE]}. A Response echoes the request's model and settings; a reasoning item carries
 * its {@code encrypted_content} only when the request's {@code include} asks for
 * {@code reasoning.encrypted_content}, as the API does.
 */
public final class FakeResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");
    private static final long CREATED_AT = 1_760_000_000L;

    /** One output item of a scripted Response. */
    public sealed interface Item {}

    /** An assistant message with one {@code output_text} part; streamed, one delta per fragment. */
    public record Text(List<String> fragments) implements Item {
        public Text(String text) {
            this(List.of(text));
        }

        String text() {
            return String.join("", fragments);
        }
    }

    /** A {@code function_call} item. */
    public record FunctionCall(String callId, String name, String arguments) implements Item {}

    /** A {@code reasoning} item with one summary text and its encrypted content. */
    public record Reasoning(String summary, String encryptedContent) implements Item {}

    /** The Response's usage. */
    public record Usage(int inputTokens, int outputTokens, int reasoningTokens) {}

    private final FakeOpenAi fake;

    FakeResponses(FakeOpenAi fake) {
        this.fake = fake;
    }

    /** The next request is answered with a whole, completed Response of {@code items}. */
    public void reply(Usage usage, Item... items) {
        fake.enqueue((Reply.Deferred) request -> Reply.Full.json(200,
                response(request, "completed", output(request, List.of(items), "completed"), usage).toString()));
    }

    /** The next request is answered with the event stream of a completed Response of {@code items}. */
    public void stream(Usage usage, Item... items) {
        fake.enqueue((Reply.Deferred) request -> {
            Events events = new Events(request);
            List<ObjectNode> done = new ArrayList<>();
            for (int i = 0; i < items.length; i++) {
                done.add(events.item(items[i], i));
            }
            ArrayNode output = JSON.createArrayNode().addAll(done);
            events.add("response.completed", JSON.createObjectNode().set("response",
                    response(request, "completed", output, usage)));
            return new Reply.Stream(200, SSE, events.frames, false);
        });
    }

    /** A stream that starts a message, sends {@code fragments} and then breaks off (the connection cut). */
    public void streamThenDrop(String... fragments) {
        fake.enqueue((Reply.Deferred) request -> {
            Events events = new Events(request);
            events.startText(0, List.of(fragments));
            return new Reply.Stream(200, SSE, events.frames, true);
        });
    }

    /** A stream that starts, then ends with {@code response.failed} carrying a server error. */
    public void streamThenFail(String message) {
        fake.enqueue((Reply.Deferred) request -> {
            Events events = new Events(request);
            ObjectNode failed = response(request, "failed", JSON.createArrayNode(), null);
            failed.putObject("error").put("code", "server_error").put("message", message);
            events.add("response.failed", JSON.createObjectNode().set("response", failed));
            return new Reply.Stream(200, SSE, events.frames, false);
        });
    }

    /**
     * A stream that starts a message, sends {@code fragments}, then ends with an {@code error} event
     * (the API's in-stream error: {@code code}, {@code message}, {@code param}).
     */
    public void streamThenError(String code, String message, String... fragments) {
        fake.enqueue((Reply.Deferred) request -> {
            Events events = new Events(request);
            events.startText(0, List.of(fragments));
            ObjectNode error = JSON.createObjectNode().put("code", code).put("message", message);
            error.putNull("param");
            events.add("error", error);
            return new Reply.Stream(200, SSE, events.frames, false);
        });
    }

    /**
     * The stream of a completed text Response with its {@code event:} lines left out: only
     * {@code data:} lines, each event's type inside its data (as some proxies relay it).
     */
    public void streamWithoutEventNames(Usage usage, String text) {
        fake.enqueue((Reply.Deferred) request -> {
            Events events = new Events(request);
            ArrayNode output = JSON.createArrayNode().add(events.item(new Text(text), 0));
            events.add("response.completed", JSON.createObjectNode().set("response",
                    response(request, "completed", output, usage)));
            List<Reply.Frame> unnamed = events.frames.stream()
                    .map(frame -> Reply.Frame.of(frame.text().substring(frame.text().indexOf("data: "))))
                    .toList();
            return new Reply.Stream(200, SSE, unnamed, false);
        });
    }

    // ---- shapes ----

    private static ArrayNode output(RecordedRequest request, List<Item> items, String status) {
        ArrayNode output = JSON.createArrayNode();
        for (int i = 0; i < items.size(); i++) {
            output.add(item(request, items.get(i), i, status));
        }
        return output;
    }

    private static ObjectNode item(RecordedRequest request, Item item, int index, String status) {
        return switch (item) {
            case Text text -> {
                ObjectNode message = JSON.createObjectNode().put("id", "msg_fake" + index).put("type", "message")
                        .put("status", status).put("role", "assistant");
                message.putArray("content").add(textPart(text.text()));
                yield message;
            }
            case FunctionCall call -> JSON.createObjectNode().put("id", "fc_fake" + index).put("type", "function_call")
                    .put("status", status).put("arguments", call.arguments()).put("call_id", call.callId())
                    .put("name", call.name());
            case Reasoning reasoning -> {
                ObjectNode node = JSON.createObjectNode().put("id", "rs_fake" + index).put("type", "reasoning");
                node.putArray("summary").addObject().put("type", "summary_text").put("text", reasoning.summary());
                if (wantsEncrypted(request)) {
                    node.put("encrypted_content", reasoning.encryptedContent());
                }
                yield node;
            }
        };
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = JSON.createObjectNode().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    private static boolean wantsEncrypted(RecordedRequest request) {
        for (JsonNode included : request.json().path("include")) {
            if (included.asText().equals("reasoning.encrypted_content")) {
                return true;
            }
        }
        return false;
    }

    /** The Response object, echoing what the request set, as the API does. */
    private static ObjectNode response(RecordedRequest request, String status, ArrayNode output, Usage usage) {
        JsonNode asked = request.json();
        ObjectNode response = JSON.createObjectNode().put("id", "resp_fake").put("object", "response")
                .put("created_at", CREATED_AT).put("status", status);
        response.putNull("error");
        response.putNull("incomplete_details");
        response.set("instructions", asked.path("instructions").isTextual() ? asked.get("instructions") : null);
        response.set("max_output_tokens", asked.get("max_output_tokens"));
        response.put("model", asked.path("model").asText());
        response.set("output", output);
        response.put("parallel_tool_calls", asked.path("parallel_tool_calls").asBoolean(true));
        response.set("previous_response_id", asked.get("previous_response_id"));
        ObjectNode reasoning = response.putObject("reasoning");
        reasoning.set("effort", asked.path("reasoning").get("effort"));
        reasoning.set("summary", asked.path("reasoning").get("summary"));
        response.put("store", asked.path("store").asBoolean(true));
        response.put("temperature", asked.path("temperature").asDouble(1.0));
        response.set("text", asked.has("text") ? asked.get("text")
                : JSON.createObjectNode().set("format", JSON.createObjectNode().put("type", "text")));
        response.set("tool_choice", asked.has("tool_choice") ? asked.get("tool_choice")
                : JSON.getNodeFactory().textNode("auto"));
        response.set("tools", asked.has("tools") ? asked.get("tools") : JSON.createArrayNode());
        response.put("top_p", asked.path("top_p").asDouble(1.0));
        response.put("truncation", asked.path("truncation").asText("disabled"));
        response.set("usage", usage == null ? null : usage(usage));
        response.set("metadata", asked.has("metadata") ? asked.get("metadata") : JSON.createObjectNode());
        return response;
    }

    private static ObjectNode usage(Usage usage) {
        ObjectNode node = JSON.createObjectNode().put("input_tokens", usage.inputTokens());
        node.putObject("input_tokens_details").put("cached_tokens", 0);
        node.put("output_tokens", usage.outputTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        node.put("total_tokens", usage.inputTokens() + usage.outputTokens());
        return node;
    }

    /** One stream's events, numbered as they are added; it starts with response.created and response.in_progress. */
    private static final class Events {
        private final RecordedRequest request;
        private final List<Reply.Frame> frames = new ArrayList<>();
        private int sequence;

        Events(RecordedRequest request) {
            this.request = request;
            ObjectNode started = response(request, "in_progress", JSON.createArrayNode(), null);
            add("response.created", JSON.createObjectNode().set("response", started));
            add("response.in_progress", JSON.createObjectNode().set("response", started.deepCopy()));
        }

        void add(String type, ObjectNode event) {
            ObjectNode ordered = JSON.createObjectNode().put("type", type).put("sequence_number", sequence++);
            ordered.setAll(event);
            frames.add(Reply.Frame.of("event: " + type + "\ndata: " + ordered + "\n\n"));
        }

        /** The events of one item; returns the item as done. */
        ObjectNode item(Item item, int index) {
            ObjectNode done = FakeResponses.item(request, item, index, "completed");
            String id = done.path("id").asText();
            switch (item) {
                case Text text -> {
                    startText(index, text.fragments());
                    add("response.output_text.done", at(id, index).put("content_index", 0).put("text", text.text()));
                    add("response.content_part.done", (ObjectNode) at(id, index).put("content_index", 0)
                            .set("part", textPart(text.text())));
                }
                case FunctionCall call -> {
                    ObjectNode added = done.deepCopy().put("status", "in_progress").put("arguments", "");
                    add("response.output_item.added", (ObjectNode) JSON.createObjectNode().put("output_index", index)
                            .set("item", added));
                    String arguments = call.arguments();
                    int half = arguments.length() / 2;
                    for (String piece : List.of(arguments.substring(0, half), arguments.substring(half))) {
                        add("response.function_call_arguments.delta", at(id, index).put("delta", piece));
                    }
                    add("response.function_call_arguments.done", at(id, index).put("name", call.name())
                            .put("arguments", arguments));
                }
                case Reasoning reasoning -> {
                    ObjectNode added = JSON.createObjectNode().put("id", id).put("type", "reasoning");
                    added.putArray("summary");
                    add("response.output_item.added", (ObjectNode) JSON.createObjectNode().put("output_index", index)
                            .set("item", added));
                    ObjectNode emptyPart = JSON.createObjectNode().put("type", "summary_text").put("text", "");
                    add("response.reasoning_summary_part.added", (ObjectNode) at(id, index).put("summary_index", 0)
                            .set("part", emptyPart));
                    add("response.reasoning_summary_text.delta", at(id, index).put("summary_index", 0)
                            .put("delta", reasoning.summary()));
                    add("response.reasoning_summary_text.done", at(id, index).put("summary_index", 0)
                            .put("text", reasoning.summary()));
                    add("response.reasoning_summary_part.done", (ObjectNode) at(id, index).put("summary_index", 0)
                            .set("part", emptyPart.deepCopy().put("text", reasoning.summary())));
                }
            }
            add("response.output_item.done", (ObjectNode) JSON.createObjectNode().put("output_index", index)
                    .set("item", done));
            return done;
        }

        /** A message item started, its text part added, and one delta per fragment. */
        void startText(int index, List<String> fragments) {
            String id = "msg_fake" + index;
            ObjectNode added = JSON.createObjectNode().put("id", id).put("type", "message").put("status", "in_progress")
                    .put("role", "assistant");
            added.putArray("content");
            add("response.output_item.added", (ObjectNode) JSON.createObjectNode().put("output_index", index)
                    .set("item", added));
            add("response.content_part.added", (ObjectNode) at(id, index).put("content_index", 0)
                    .set("part", textPart("")));
            for (String fragment : fragments) {
                ObjectNode delta = at(id, index).put("content_index", 0).put("delta", fragment);
                delta.putArray("logprobs");
                add("response.output_text.delta", delta);
            }
        }

        private static ObjectNode at(String itemId, int index) {
            return JSON.createObjectNode().put("item_id", itemId).put("output_index", index);
        }
    }
}
