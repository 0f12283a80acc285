package dev.gatehouse.testkit.sagemaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.bedrock.EventStreamFrames;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON and event-stream shapes the fake SageMaker answers with: TGI's generate and
 * generate_stream answers, the Messages API's chat completion and chunks (TGI's: an empty id,
 * model {@code tgi}), and the {@code PayloadPart} events that carry a streamed answer's bytes
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_PayloadPart.html).
 */
final class SageMakerShapes {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private SageMakerShapes() {}

    // ---- text generation (TGI) ----

    /** {@code [{"generated_text", "details"?}]}; details (with the prompt's tokens as prefill) when asked for. */
    static String generated(String text, FakeUsage usage, boolean details, String finishReason) {
        ArrayNode answer = MAPPER.createArrayNode();
        ObjectNode first = answer.addObject().put("generated_text", text);
        if (details) {
            ObjectNode d = first.putObject("details").put("finish_reason", finishReason)
                    .put("generated_tokens", usage.completionTokens()).putNull("seed");
            ArrayNode prefill = d.putArray("prefill");
            for (int i = 0; i < usage.promptTokens(); i++) {
                prefill.addObject().put("id", 100 + i).put("text", "t" + i).putNull("logprob");
            }
            d.putArray("tokens");
        }
        return text(answer);
    }

    /** One generate_stream event's data: a token. */
    static String token(int index, String text, boolean special) {
        ObjectNode event = MAPPER.createObjectNode().put("index", index);
        event.putObject("token").put("id", 1000 + index).put("text", text).put("logprob", -0.25).put("special", special);
        event.putNull("generated_text");
        event.putNull("details");
        return text(event);
    }

    /** The last generate_stream event: the end-of-sequence token, the whole text and, when asked for, details. */
    static String lastToken(int index, String generated, FakeUsage usage, boolean details) {
        ObjectNode event = MAPPER.createObjectNode().put("index", index);
        event.putObject("token").put("id", 2).put("text", "</s>").put("logprob", -0.01).put("special", true);
        event.put("generated_text", generated);
        if (details) {
            event.putObject("details").put("finish_reason", "eos_token").put("generated_tokens", usage.completionTokens())
                    .put("prompt_tokens", usage.promptTokens()).putNull("seed");
        } else {
            event.putNull("details");
        }
        return text(event);
    }

    // ---- Messages API ----

    static String chatCompletion(String content, List<FakeToolCall> calls, String finishReason, FakeUsage usage,
            String idPrefix) {
        ObjectNode body = MAPPER.createObjectNode().put("object", "chat.completion").put("id", "")
                .put("created", 1_700_000_000L).put("model", "tgi").put("system_fingerprint", "3.0.0-sha-fake");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (content != null) {
            message.put("content", content);
        } else {
            message.putNull("content");
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (int i = 0; i < calls.size(); i++) {
                toolCalls.addObject().put("id", idPrefix + i).put("type", "function").putObject("function")
                        .put("name", calls.get(i).name()).put("arguments", calls.get(i).argumentsJson());
            }
        }
        choice.putNull("logprobs").put("finish_reason", finishReason);
        body.set("usage", usage(usage));
        return text(body);
    }

    /** One chunk of the Messages API's stream, with a delta. */
    static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = MAPPER.createObjectNode().put("object", "chat.completion.chunk").put("id", "")
                .put("created", 1_700_000_000L).put("model", "tgi").put("system_fingerprint", "3.0.0-sha-fake");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        chunk.putNull("usage");
        return text(chunk);
    }

    /** The chunk with the usage and no choices, as OpenAI sends it when asked to include usage. */
    static String usageChunk(FakeUsage usage) {
        ObjectNode chunk = MAPPER.createObjectNode().put("object", "chat.completion.chunk").put("id", "")
                .put("created", 1_700_000_000L).put("model", "tgi");
        chunk.putArray("choices");
        chunk.set("usage", usage(usage));
        return text(chunk);
    }

    static ObjectNode textDelta(String text, boolean first) {
        ObjectNode delta = MAPPER.createObjectNode();
        if (first) {
            delta.put("role", "assistant");
        }
        return delta.put("content", text);
    }

    private static ObjectNode usage(FakeUsage usage) {
        return MAPPER.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
    }

    // ---- the event stream ----

    /** A PayloadPart event carrying these bytes of the container's answer. */
    static byte[] payloadPart(byte[] bytes) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", "PayloadPart");
        headers.put(":content-type", "application/octet-stream");
        headers.put(":message-type", "event");
        return EventStreamFrames.message(headers, bytes);
    }

    /** The event's data as a server-sent event ({@code data:…} and a blank line), as the container writes it. */
    static byte[] sse(String data) {
        return ("data:" + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
