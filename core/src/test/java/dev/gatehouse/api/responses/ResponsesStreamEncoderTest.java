package dev.gatehouse.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canonical chunks → the Responses API's stream events, against the sequences of
 * https://platform.openai.com/docs/api-reference/responses-streaming and the streaming guide
 * (https://platform.openai.com/docs/guides/streaming-responses).
 */
class ResponsesStreamEncoderTest {

    private static final String ID = ResponseJsonTest.ID;

    private static ChatChunk chunk(ChatChunk.Delta delta, FinishReason finish) {
        return new ChatChunk("c1", 0, "up", List.of(new ChatChunk.Choice(0, delta, finish)), null);
    }

    private static ChatChunk tool(int index, String id, String name, String arguments) {
        return chunk(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(index, id, name, arguments)), null);
    }

    private static ChatChunk usage(Usage usage) {
        return new ChatChunk("c1", 0, "up", List.of(), usage);
    }

    private static List<ResponsesStreamEncoder.Event> run(ResponsesStreamEncoder encoder, List<ChatChunk> chunks) {
        List<ResponsesStreamEncoder.Event> events = new ArrayList<>();
        chunks.forEach(c -> events.addAll(encoder.onChunk(c)));
        events.addAll(encoder.finish());
        return events;
    }

    /** Each event as "type" plus its output index and delta or text where it has them. */
    private static List<String> shape(List<ResponsesStreamEncoder.Event> events) {
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).data().path("sequence_number").asInt(), "sequence_number of event " + i);
            assertEquals(events.get(i).type(), events.get(i).data().path("type").asText());
        }
        return events.stream().map(e -> {
            ObjectNode d = e.data();
            StringBuilder s = new StringBuilder(e.type());
            if (d.has("output_index")) {
                s.append(':').append(d.get("output_index").asInt());
            }
            for (String field : List.of("delta", "text", "arguments")) {
                if (d.has(field)) {
                    s.append(':').append(d.get(field).asText());
                }
            }
            if (d.has("item")) {
                s.append(':').append(d.get("item").path("type").asText());
            }
            if (d.has("response")) {
                s.append(':').append(d.get("response").path("status").asText());
            }
            return s.toString();
        }).toList();
    }

    private static ResponsesRequest request(String body) {
        return ResponseJsonTest.request(body);
    }

    @Test
    void text() {
        List<String> events = shape(run(new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1),
                List.of(chunk(ChatChunk.Delta.role("assistant"), null), chunk(ChatChunk.Delta.content("Hel"), null),
                        chunk(ChatChunk.Delta.content("lo."), FinishReason.STOP), usage(Usage.of(5, 2)))));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:message",
                "response.content_part.added:0",
                "response.output_text.delta:0:Hel",
                "response.output_text.delta:0:lo.",
                "response.output_text.done:0:Hello.",
                "response.content_part.done:0",
                "response.output_item.done:0:message",
                "response.completed:completed"), events);
    }

    @Test
    void parallelToolCallsInterleavedByIndex() {
        List<String> events = shape(run(new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1),
                List.of(tool(0, "call_1", "get_weather", ""), tool(1, "call_2", "get_time", "{\"tz\":"),
                        tool(0, null, null, "{\"city\":\"Paris\"}"), tool(1, null, null, "\"CET\"}"),
                        chunk(ChatChunk.Delta.EMPTY, FinishReason.TOOL_CALLS))));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:function_call",
                "response.output_item.added:1:function_call",
                "response.function_call_arguments.delta:1:{\"tz\":",
                "response.function_call_arguments.delta:0:{\"city\":\"Paris\"}",
                "response.function_call_arguments.delta:1:\"CET\"}",
                "response.function_call_arguments.done:0:{\"city\":\"Paris\"}",
                "response.output_item.done:0:function_call",
                "response.function_call_arguments.done:1:{\"tz\":\"CET\"}",
                "response.output_item.done:1:function_call",
                "response.completed:completed"), events);
    }

    @Test
    void reasoningThenTextWithASummary() {
        List<String> events = shape(run(new ResponsesStreamEncoder(request("""
                {"model": "m", "input": "Hi", "reasoning": {"summary": "auto"}}"""), ID, 1),
                List.of(chunk(ChatChunk.Delta.reasoning("Think"), null), chunk(ChatChunk.Delta.reasoning("ing."), null),
                        chunk(ChatChunk.Delta.content("Done."), FinishReason.STOP))));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:reasoning",
                "response.reasoning_summary_part.added:0",
                "response.reasoning_summary_text.delta:0:Think",
                "response.reasoning_summary_text.delta:0:ing.",
                "response.reasoning_summary_text.done:0:Thinking.",
                "response.reasoning_summary_part.done:0",
                "response.output_item.done:0:reasoning",
                "response.output_item.added:1:message",
                "response.content_part.added:1",
                "response.output_text.delta:1:Done.",
                "response.output_text.done:1:Done.",
                "response.content_part.done:1",
                "response.output_item.done:1:message",
                "response.completed:completed"), events);
    }

    @Test
    void reasoningWithoutASummaryIsReasoningText() {
        List<String> events = shape(run(new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1),
                List.of(chunk(ChatChunk.Delta.reasoning("Hm."), null), tool(0, "call_1", "f", "{}"))));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:reasoning",
                "response.content_part.added:0",
                "response.reasoning_text.delta:0:Hm.",
                "response.reasoning_text.done:0:Hm.",
                "response.content_part.done:0",
                "response.output_item.done:0:reasoning",
                "response.output_item.added:1:function_call",
                "response.function_call_arguments.delta:1:{}",
                "response.function_call_arguments.done:1:{}",
                "response.output_item.done:1:function_call",
                "response.completed:completed"), events);
    }

    @Test
    void aLengthStopEndsIncomplete() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1);
        List<ResponsesStreamEncoder.Event> events = run(encoder,
                List.of(chunk(ChatChunk.Delta.content("Once"), FinishReason.LENGTH), usage(Usage.of(3, 1))));
        List<String> shape = shape(events);
        assertEquals("response.output_item.done:0:message", shape.get(shape.size() - 2));
        assertEquals("incomplete", events.get(events.size() - 2).data().path("item").path("status").asText());
        assertEquals("response.incomplete:incomplete", shape.getLast());
        assertEquals("max_output_tokens",
                encoder.finalResponse().path("incomplete_details").path("reason").asText());
    }

    @Test
    void aFailureAfterTheStartIsResponseFailed() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1);
        List<ResponsesStreamEncoder.Event> events = new ArrayList<>(encoder.onChunk(chunk(ChatChunk.Delta.content("Hel"), null)));
        events.addAll(encoder.fail(new GatewayException.UpstreamServerError("the upstream broke off", 0, null)));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:message",
                "response.content_part.added:0",
                "response.output_text.delta:0:Hel",
                "response.failed:failed"), shape(events));
        ObjectNode failed = encoder.finalResponse();
        assertEquals("upstream_error", failed.path("error").path("code").asText());
        assertEquals("the upstream broke off", failed.path("error").path("message").asText());
        assertEquals("Hel", failed.path("output").get(0).path("content").get(0).path("text").asText());
    }

    @Test
    void argumentsBeforeTheCallsIdAreAnUpstreamError() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1);
        assertThrows(GatewayException.UpstreamServerError.class, () -> encoder.onChunk(tool(0, null, null, "{")));
        assertNull(encoder.finalResponse());
    }

    @Test
    void theStreamedResponseEqualsTheWholeOneForTheSameAnswer() {
        ResponsesRequest request = request("""
                {"model": "m", "input": "Hi", "reasoning": {"effort": "high", "summary": "detailed"},
                 "tools": [{"type": "function", "name": "get_weather", "parameters": {"type": "object"}}]}""");
        Usage usage = new Usage(40, 30, 8, null, 12);
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(request, ID, 1741476542);
        run(encoder, List.of(chunk(ChatChunk.Delta.reasoning("Paris first."), null),
                chunk(ChatChunk.Delta.content("Checking."), null), tool(0, "call_1", "get_weather", "{\"city\":"),
                tool(0, null, null, "\"Paris\"}"), tool(1, "call_2", "get_weather", "{\"city\":\"Rome\"}"),
                chunk(ChatChunk.Delta.EMPTY, FinishReason.TOOL_CALLS), usage(usage)));
        ChatResponse whole = new ChatResponse("c1", 0, "up", List.of(new ChatResponse.Choice(0,
                new Message.Assistant("Checking.", List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")), null, "Paris first.", null),
                FinishReason.TOOL_CALLS)), usage, null);
        assertEquals(ResponseJson.write(request, whole, ID, 1741476542), encoder.finalResponse());
        assertEquals(4, encoder.finalResponse().get("output").size());
    }

    @Test
    void aRefusalIsARefusalPart() {
        List<String> events = shape(run(new ResponsesStreamEncoder(request("{\"model\": \"m\", \"input\": \"Hi\"}"), ID, 1),
                List.of(chunk(new ChatChunk.Delta(null, null, null, List.of(), "No."), FinishReason.STOP))));
        assertEquals(List.of(
                "response.created:in_progress",
                "response.in_progress:in_progress",
                "response.output_item.added:0:message",
                "response.content_part.added:0",
                "response.refusal.delta:0:No.",
                "response.refusal.done:0",
                "response.content_part.done:0",
                "response.output_item.done:0:message",
                "response.completed:completed"), events);
    }
}
