package dev.gatehouse.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canonical answers → the Response object, against
 * https://platform.openai.com/docs/api-reference/responses/object (output items, status,
 * incomplete_details, usage and the echoed settings).
 */
class ResponseJsonTest {

    static final String ID = "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b";

    static ResponsesRequest request(String body) {
        return ResponsesRequestJson.read(Json.parseUpstream(body, "test"));
    }

    static ChatResponse answer(Message.Assistant message, FinishReason finish, Usage usage) {
        return new ChatResponse("chatcmpl-1", 1741476542, "upstream-model",
                List.of(new ChatResponse.Choice(0, message, finish)), usage, null);
    }

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    @Test
    void aTextAnswerIsTheDocumentedResponseObject() {
        ObjectNode response = ResponseJson.write(request("{\"model\": \"gpt-4.1\", \"input\": \"Tell me a story.\"}"),
                answer(Message.Assistant.of("Once upon a time…"), FinishReason.STOP, Usage.of(36, 87)), ID, 1741476542);
        String msg = "msg_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b0000";
        assertEquals(json("""
                {"id": "%s", "object": "response", "created_at": 1741476542, "status": "completed",
                 "background": false, "error": null, "incomplete_details": null, "instructions": null,
                 "max_output_tokens": null, "max_tool_calls": null, "model": "gpt-4.1",
                 "parallel_tool_calls": true, "previous_response_id": null,
                 "reasoning": {"effort": null, "summary": null}, "store": true, "temperature": null,
                 "text": {"format": {"type": "text"}, "verbosity": "medium"}, "tool_choice": "auto", "tools": [],
                 "top_logprobs": null, "top_p": null, "truncation": "disabled", "user": null, "metadata": {},
                 "output": [{"id": "%s", "type": "message", "status": "completed", "role": "assistant",
                   "content": [{"type": "output_text", "annotations": [], "logprobs": [], "text": "Once upon a time…"}]}],
                 "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
                   "output_tokens": 87,
                   "output_tokens_details": {"reasoning_tokens": 0}, "total_tokens": 123}}""".formatted(ID, msg))
                .toString(), response.toString());
    }

    @Test
    void toolCallsAreFunctionCallItemsAndSettingsAreEchoed() {
        ResponsesRequest request = request("""
                {"model": "m", "instructions": "Be terse.", "input": "Weather?", "tools": [
                  {"type": "function", "name": "get_weather", "parameters": {"type": "object"}}],
                 "tool_choice": "required", "temperature": 0.2, "metadata": {"k": "v"}, "store": false,
                 "previous_response_id": "resp_0", "user": "u"}""");
        ObjectNode response = ResponseJson.write(request, answer(new Message.Assistant(null, List.of(
                new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}"),
                new ToolCall("call_2", "get_weather", "{\"city\":\"Rome\"}")), null, null, null),
                FinishReason.TOOL_CALLS, new Usage(100, 20, 80, null, null)), ID, 1);
        JsonNode output = response.get("output");
        assertEquals(2, output.size());
        assertEquals(json("""
                {"id": "fc_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b0000", "type": "function_call",
                 "status": "completed", "arguments": "{\\"city\\":\\"Paris\\"}", "call_id": "call_1",
                 "name": "get_weather"}"""), output.get(0));
        assertEquals("call_2", output.get(1).path("call_id").asText());
        assertEquals("Be terse.", response.path("instructions").asText());
        assertEquals("required", response.path("tool_choice").asText());
        assertEquals("get_weather", response.path("tools").get(0).path("name").asText());
        assertEquals(0.2, response.path("temperature").asDouble());
        assertEquals("v", response.path("metadata").path("k").asText());
        assertEquals(false, response.path("store").asBoolean());
        assertEquals("resp_0", response.path("previous_response_id").asText());
        assertEquals("u", response.path("user").asText());
        assertEquals(80, response.path("usage").path("input_tokens_details").path("cached_tokens").asInt());
    }

    @Test
    void reasoningIsReasoningTextUnlessASummaryWasAsked() {
        Message.Assistant message = new Message.Assistant("42.", List.of(), null, "Six times seven.", null);
        Usage usage = new Usage(10, 30, null, null, 20);
        ObjectNode plain = ResponseJson.write(request("{\"model\": \"m\", \"input\": \"?\"}"),
                answer(message, FinishReason.STOP, usage), ID, 1);
        assertEquals(json("""
                {"id": "rs_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b0000", "type": "reasoning", "summary": [],
                 "content": [{"type": "reasoning_text", "text": "Six times seven."}]}"""), plain.get("output").get(0));
        assertEquals("msg_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b0001",
                plain.get("output").get(1).path("id").asText());
        assertEquals(20, plain.path("usage").path("output_tokens_details").path("reasoning_tokens").asInt());

        ObjectNode summarised = ResponseJson.write(request("""
                {"model": "m", "input": "?", "reasoning": {"effort": "low", "summary": "auto"}}"""),
                answer(message, FinishReason.STOP, usage), ID, 1);
        assertEquals(json("""
                {"id": "rs_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b0000", "type": "reasoning",
                 "summary": [{"type": "summary_text", "text": "Six times seven."}]}"""), summarised.get("output").get(0));
        assertEquals(json("{\"effort\": \"low\", \"summary\": \"auto\"}"), summarised.get("reasoning"));
    }

    @Test
    void aRefusalIsARefusalPart() {
        ObjectNode response = ResponseJson.write(request("{\"model\": \"m\", \"input\": \"?\"}"),
                answer(new Message.Assistant(null, List.of(), "I can not help with that.", null, null),
                        FinishReason.STOP, Usage.of(5, 6)), ID, 1);
        assertEquals(json("[{\"type\": \"refusal\", \"refusal\": \"I can not help with that.\"}]"),
                response.get("output").get(0).get("content"));
    }

    @Test
    void aLengthStopIsIncompleteWithItsReason() {
        ObjectNode response = ResponseJson.write(request("{\"model\": \"m\", \"input\": \"?\", \"max_output_tokens\": 16}"),
                answer(Message.Assistant.of("Once upon"), FinishReason.LENGTH, Usage.of(5, 16)), ID, 1);
        assertEquals("incomplete", response.path("status").asText());
        assertEquals("max_output_tokens", response.path("incomplete_details").path("reason").asText());
        assertEquals("incomplete", response.get("output").get(0).path("status").asText());
        assertEquals(16, response.path("max_output_tokens").asInt());

        ObjectNode filtered = ResponseJson.write(request("{\"model\": \"m\", \"input\": \"?\"}"),
                answer(Message.Assistant.of(""), FinishReason.CONTENT_FILTER, Usage.of(5, 0)), ID, 1);
        assertEquals("content_filter", filtered.path("incomplete_details").path("reason").asText());
        assertEquals(0, filtered.get("output").size());
    }

    @Test
    void aCallOfANamespacedFunctionIsWrittenWithItsNamespace() {
        ResponsesRequest request = request("""
                {"model": "m", "input": "Go", "tools": [{"type": "namespace", "name": "multi_agent_v1",
                  "description": "Sub-agents.", "tools": [{"type": "function", "name": "spawn_agent",
                  "parameters": {"type": "object"}}]}]}""");
        ObjectNode response = ResponseJson.write(request, answer(new Message.Assistant(null,
                List.of(new ToolCall("call_1", "multi_agent_v1__spawn_agent", "{}")), null, null, null),
                FinishReason.TOOL_CALLS, Usage.of(1, 1)), ID, 1);
        JsonNode call = response.get("output").get(0);
        assertEquals("spawn_agent", call.path("name").asText());
        assertEquals("multi_agent_v1", call.path("namespace").asText());
    }

    /** A stored turn's output items, sent back as history, read as the same assistant turn. */
    @Test
    void theOutputItemsAreReadBackAsHistory() {
        for (String body : List.of("{\"model\": \"m\", \"input\": \"Weather?\"}",
                "{\"model\": \"m\", \"input\": \"Weather?\", \"reasoning\": {\"summary\": \"auto\"}}")) {
            ResponsesRequest first = request(body);
            Message.Assistant said = new Message.Assistant("Checking.",
                    List.of(new ToolCall("call_1", "get_weather", "{}")), null, "Need the city.", null);
            ObjectNode response = ResponseJson.write(first, answer(said, FinishReason.TOOL_CALLS, Usage.of(1, 1)), ID, 1);
            com.fasterxml.jackson.databind.node.ArrayNode history = first.input().deepCopy();
            history.addAll((com.fasterxml.jackson.databind.node.ArrayNode) response.get("output"));
            ResponsesRequest next = request("""
                    {"model": "m", "input": [{"type": "function_call_output", "call_id": "call_1", "output": "18C"}]}""")
                    .withHistory(history);
            assertEquals(List.of(Message.User.of("Weather?"), said, new Message.Tool("call_1", "18C")),
                    next.chat().messages());
        }
    }
}
