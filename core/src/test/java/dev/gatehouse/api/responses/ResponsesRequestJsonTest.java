package dev.gatehouse.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Responses request bodies → canonical requests. The payloads follow
 * https://platform.openai.com/docs/api-reference/responses/create and the function-calling and
 * reasoning guides (https://platform.openai.com/docs/guides/function-calling,
 * https://platform.openai.com/docs/guides/reasoning).
 */
class ResponsesRequestJsonTest {

    private static ResponsesRequest read(String text) {
        return ResponsesRequestJson.read(Json.parseUpstream(text, "test"));
    }

    private static GatewayException.BadRequest refused(String text) {
        return assertThrows(GatewayException.BadRequest.class, () -> read(text));
    }

    @Test
    void aStringInputIsOneUserMessageItem() {
        ResponsesRequest request = read("""
                {"model": "gpt-5", "input": "Tell me a three sentence bedtime story about a unicorn."}""");
        assertEquals(List.of(Message.User.of("Tell me a three sentence bedtime story about a unicorn.")),
                request.chat().messages());
        assertEquals("[{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
                + "\"text\":\"Tell me a three sentence bedtime story about a unicorn.\"}]}]", request.input().toString());
        assertTrue(request.store());
        assertFalse(request.stream());
        assertEquals(List.of(), request.dropped());
    }

    @Test
    void instructionsComeFirstAndEveryRoleIsRead() {
        ChatRequest chat = read("""
                {"model": "m", "instructions": "Talk like a pirate.", "input": [
                  {"role": "system", "content": "Be brief."},
                  {"type": "message", "role": "developer", "content": [{"type": "input_text", "text": "No emoji."}]},
                  {"role": "user", "content": [
                    {"type": "input_text", "text": "What is in this image?"},
                    {"type": "input_image", "image_url": "https://example.com/cat.png", "detail": "low"}]},
                  {"role": "assistant", "content": [{"type": "output_text", "text": "A cat.", "annotations": []}]},
                  {"role": "assistant", "content": [{"type": "refusal", "refusal": "I can not."}]}
                ]}""").chat();
        assertEquals(List.of(
                new Message.System("Talk like a pirate.", null),
                new Message.System("Be brief.", null),
                new Message.Developer("No emoji.", null),
                new Message.User(List.of(new ContentPart.Text("What is in this image?"),
                        new ContentPart.Image("https://example.com/cat.png", "low")), null),
                new Message.Assistant("A cat.", List.of(), null, null, null),
                new Message.Assistant(null, List.of(), "I can not.", null, null)), chat.messages());
    }

    @Test
    void aToolRoundTripJoinsReasoningTextAndCallsIntoOneTurn() {
        ResponsesRequest request = read("""
                {"model": "m", "input": [
                  {"role": "user", "content": "Weather in Paris and Bogotá?"},
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "Two cities."}],
                   "encrypted_content": "gAAAA"},
                  {"type": "message", "id": "msg_1", "status": "completed", "role": "assistant",
                   "content": [{"type": "output_text", "text": "Checking.", "annotations": [], "logprobs": []}]},
                  {"type": "function_call", "id": "fc_1", "call_id": "call_1", "name": "get_weather",
                   "arguments": "{\\"city\\":\\"Paris\\"}", "status": "completed"},
                  {"type": "function_call", "call_id": "call_2", "name": "get_weather", "arguments": "{\\"city\\":\\"Bogotá\\"}"},
                  {"type": "function_call_output", "call_id": "call_1", "output": "18C"},
                  {"type": "function_call_output", "call_id": "call_2", "output": [{"type": "input_text", "text": "21C"}]}
                ]}""");
        List<Message> messages = request.chat().messages();
        assertEquals(4, messages.size());
        Message.Assistant turn = assertInstanceOf(Message.Assistant.class, messages.get(1));
        assertEquals("Two cities.", turn.reasoningContent());
        assertEquals("Checking.", turn.content());
        assertEquals(List.of("call_1", "call_2"), turn.toolCalls().stream().map(c -> c.id()).toList());
        assertEquals("{\"city\":\"Paris\"}", turn.toolCalls().getFirst().arguments());
        assertEquals(new Message.Tool("call_1", "18C"), messages.get(2));
        assertEquals(new Message.Tool("call_2", "21C"), messages.get(3));
        // The encrypted reasoning stays in the input items, for the store and a native upstream.
        assertEquals("gAAAA", request.input().get(1).path("encrypted_content").asText());
        // It reaches no translated upstream, and the caller is told so.
        assertEquals(List.of("input[1].encrypted_content"), request.dropped());
    }

    @Test
    void reasoningTextContentIsPreferredToItsSummary() {
        ChatRequest chat = read("""
                {"model": "m", "input": [{"role": "user", "content": "Hi"},
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "short"}],
                   "content": [{"type": "reasoning_text", "text": "the full thought"}]},
                  {"role": "assistant", "content": "Hello."}]}""").chat();
        Message.Assistant turn = assertInstanceOf(Message.Assistant.class, chat.messages().get(1));
        assertEquals("the full thought", turn.reasoningContent());
        assertEquals("Hello.", turn.content());
    }

    @Test
    void settingsMapToTheCanonicalRequest() {
        ResponsesRequest request = read("""
                {"model": "m", "input": "Hi", "tools": [
                   {"type": "function", "name": "get_weather", "description": "Weather of a city",
                    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}, "strict": true}],
                 "tool_choice": {"type": "function", "name": "get_weather"}, "parallel_tool_calls": false,
                 "text": {"format": {"type": "json_schema", "name": "answer", "schema": {"type": "object"},
                          "strict": true}, "verbosity": "low"},
                 "reasoning": {"effort": "high", "summary": "auto"}, "max_output_tokens": 500, "max_tool_calls": 3,
                 "temperature": 0.5, "top_p": 0.9, "metadata": {"ticket": "42"}, "store": false,
                 "previous_response_id": "resp_1", "include": ["reasoning.encrypted_content"],
                 "truncation": "disabled", "user": "u-1", "stream": true, "top_logprobs": 0}""");
        ChatRequest chat = request.chat();
        assertEquals("get_weather", chat.tools().getFirst().name());
        assertEquals(Boolean.TRUE, chat.tools().getFirst().strict());
        assertEquals(new ToolChoice.Function("get_weather"), chat.toolChoice());
        assertEquals(Boolean.FALSE, chat.parallelToolCalls());
        ResponseFormat.JsonSchema format = assertInstanceOf(ResponseFormat.JsonSchema.class, chat.responseFormat());
        assertEquals("answer", format.name());
        assertEquals("low", chat.extensions().get("verbosity").asText());
        assertEquals("high", chat.extensions().get("reasoning_effort").asText());
        assertEquals(500, chat.maxCompletionTokens());
        assertEquals(0.5, chat.temperature());
        assertEquals(0.9, chat.topP());
        assertEquals("u-1", chat.user());
        assertTrue(chat.stream());
        assertTrue(chat.includeUsage());
        assertFalse(request.store());
        assertEquals("resp_1", request.previousResponseId());
        assertEquals("auto", request.reasoningSummary());
        assertEquals("42", request.echo().path("metadata").path("ticket").asText());
        assertEquals(3, request.echo().path("max_tool_calls").asInt());
    }

    @Test
    void mediumVerbosityIsTheDefaultAndNotSent() {
        ChatRequest chat = read("""
                {"model": "m", "input": "Hi", "text": {"verbosity": "medium", "format": {"type": "json_object"}}}""")
                .chat();
        assertFalse(chat.extensions().containsKey("verbosity"));
        assertInstanceOf(ResponseFormat.JsonObject.class, chat.responseFormat());
    }

    @Test
    void allowedToolsNarrowsTheToolsGiven() {
        ChatRequest chat = read("""
                {"model": "m", "input": "Hi", "tools": [
                   {"type": "function", "name": "a", "parameters": {"type": "object"}},
                   {"type": "function", "name": "b", "parameters": {"type": "object"}}],
                 "tool_choice": {"type": "allowed_tools", "mode": "required", "tools": [{"type": "function", "name": "b"}]}}""")
                .chat();
        assertEquals(List.of("b"), chat.tools().stream().map(t -> t.name()).toList());
        assertEquals(new ToolChoice.Required(), chat.toolChoice());
    }

    @Test
    void platformOnlyFieldsAreDroppedAndListed() {
        ResponsesRequest request = read("""
                {"model": "m", "input": "Hi", "prompt_cache_key": "k", "prompt_cache_retention": "24h",
                 "safety_identifier": "s", "service_tier": "flex", "stream": true,
                 "stream_options": {"include_obfuscation": false}}""");
        assertEquals(List.of("prompt_cache_key", "prompt_cache_retention", "safety_identifier", "service_tier",
                "stream_options.include_obfuscation"), request.dropped());
        assertFalse(request.chat().extensions().containsKey("prompt_cache_key"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"background\": true|background",
            "\"conversation\": \"conv_1\"|conversation",
            "\"prompt\": {\"id\": \"pmpt_1\"}|prompt",
            "\"truncation\": \"auto\"|truncation",
            "\"top_logprobs\": 5|top_logprobs",
            "\"include\": [\"message.output_text.logprobs\"]|include[0]",
            "\"tools\": [{\"type\": \"web_search\"}]|tools[0].type",
            "\"tools\": [{\"type\": \"custom\", \"name\": \"apply_patch\"}]|tools[0].type",
            "\"tools\": [{\"type\": \"mcp\", \"server_label\": \"x\"}]|tools[0].type",
            "\"tool_choice\": {\"type\": \"web_search_preview\"}|tool_choice.type",
            "\"unknown_thing\": 1|unknown_thing",
            "\"temperature\": 3|temperature",
            "\"reasoning\": {\"effort\": \"extreme\"}|reasoning.effort",
            "\"text\": {\"format\": {\"type\": \"json_schema\", \"schema\": {}}}|text.format.name",
            "\"stream_options\": {\"include_obfuscation\": true}|stream_options",
            "\"include\": [\"everything\"]|include[0]",
    })
    void fieldsThatCanNotBeServedAreRefusedByName(String field, String param) {
        GatewayException.BadRequest e = refused("{\"model\": \"m\", \"input\": \"Hi\", " + field + "}");
        assertEquals(param, e.param());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\": \"item_reference\", \"id\": \"msg_1\"}|input[0].type",
            "{\"type\": \"web_search_call\", \"id\": \"ws_1\"}|input[0].type",
            "{\"type\": \"custom_tool_call\", \"call_id\": \"c\"}|input[0].type",
            "{\"role\": \"user\", \"content\": [{\"type\": \"input_file\", \"file_id\": \"file-1\"}]}|input[0].content[0]",
            "{\"role\": \"user\", \"content\": [{\"type\": \"input_image\", \"file_id\": \"file-1\"}]}|input[0].content[0].file_id",
            "{\"role\": \"tool\", \"content\": \"x\"}|input[0].role",
            "{\"role\": \"user\", \"content\": \"x\", \"extra\": 1}|input[0].extra",
            "{\"type\": \"function_call_output\", \"call_id\": \"c\", \"output\": [{\"type\": \"input_image\", \"image_url\": \"https://x\"}]}|input[0].output[0].type",
            "{\"type\": \"function_call\", \"call_id\": \"c\", \"name\": \"f\"}|input[0].arguments",
    })
    void inputItemsThatCanNotBeTranslatedAreRefusedByPath(String item, String param) {
        GatewayException.BadRequest e = refused("{\"model\": \"m\", \"input\": [" + item + "]}");
        assertEquals(param, e.param());
    }

    @Test
    void inputIsRequiredUnlessAResponseIsContinued() {
        assertEquals("input", refused("{\"model\": \"m\"}").param());
        ResponsesRequest request = read("{\"model\": \"m\", \"previous_response_id\": \"resp_1\"}");
        assertEquals(0, request.input().size());
        assertEquals("model", refused("{\"input\": \"Hi\"}").param());
    }

    @Test
    void historyComesBeforeTheInputAndEarlierInstructionsAreNotCarried() {
        ResponsesRequest request = read("""
                {"model": "m", "instructions": "Be terse.", "previous_response_id": "resp_1",
                 "input": [{"type": "function_call_output", "call_id": "call_1", "output": "18C"}]}""");
        ArrayNode earlier = (ArrayNode) Json.parseUpstream("""
                [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Weather?"}]},
                 {"type": "function_call", "id": "fc_1", "status": "completed", "call_id": "call_1",
                  "name": "get_weather", "arguments": "{}"}]""", "test");
        ResponsesRequest continued = request.withHistory(earlier);
        assertEquals(List.of(new Message.System("Be terse.", null), Message.User.of("Weather?"),
                new Message.Assistant(null, List.of(new dev.gatehouse.api.ToolCall("call_1", "get_weather", "{}")),
                        null, null, null),
                new Message.Tool("call_1", "18C")), continued.chat().messages());
        assertEquals(3, continued.input().size());
        assertEquals("function_call_output", continued.input().get(2).path("type").asText());
        assertNull(continued.chat().toolChoice());
    }

    /** The shape of Codex CLI 0.169's second turn (store false, the whole history resent, no instructions). */
    @Test
    void aCodexTurnIsRead() {
        ResponsesRequest request = read("""
                {"model": "gpt-5.1-codex", "stream": true, "input": [
                  {"type": "message", "id": "msg_1", "role": "developer",
                   "content": [{"type": "input_text", "text": "You are a coding agent."}]},
                  {"type": "message", "id": "msg_2", "role": "user",
                   "content": [{"type": "input_text", "text": "Read note.txt and tell me the secret word."}]},
                  {"type": "function_call", "status": "completed", "id": "fc_1", "name": "exec_command",
                   "arguments": "{\\"cmd\\": \\"cat note.txt\\"}", "call_id": "call_1"},
                  {"type": "function_call_output", "id": "fco_1", "call_id": "call_1",
                   "output": "Output:\\nThe secret word is PELICAN.\\n"}],
                 "tools": [
                  {"type": "function", "name": "exec_command", "description": "Runs a command.", "strict": false,
                   "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]}},
                  {"type": "namespace", "name": "multi_agent_v1", "description": "Sub-agents.", "tools": [
                    {"type": "function", "name": "spawn_agent", "description": "Spawn.", "strict": false,
                     "parameters": {"type": "object", "properties": {}}}]}],
                 "tool_choice": "auto", "parallel_tool_calls": true, "reasoning": {"summary": "auto"},
                 "store": false, "include": ["reasoning.encrypted_content"],
                 "prompt_cache_key": "0b6c3f7e-2a41-4f4e-9d53-3c1f6a1c0e11",
                 "client_metadata": {"session_id": "s", "turn_id": "t"}}""");
        ChatRequest chat = request.chat();
        assertEquals(List.of("exec_command", "multi_agent_v1__spawn_agent"),
                chat.tools().stream().map(t -> t.name()).toList());
        assertEquals(Boolean.FALSE, chat.tools().getFirst().strict());
        assertEquals(4, chat.messages().size());
        assertInstanceOf(Message.Developer.class, chat.messages().getFirst());
        assertEquals(new Message.Tool("call_1", "Output:\nThe secret word is PELICAN.\n"), chat.messages().get(3));
        assertEquals(List.of("prompt_cache_key", "client_metadata"), request.dropped());
        assertFalse(request.store());
        assertEquals("auto", request.reasoningSummary());
        assertEquals("multi_agent_v1", request.toolNamespaces().get("multi_agent_v1__spawn_agent"));
    }

    @Test
    void aNamespacedCallInTheHistoryKeepsItsNamespace() {
        ChatRequest chat = read("""
                {"model": "m", "input": [{"role": "user", "content": "Go"},
                  {"type": "function_call", "call_id": "c", "namespace": "multi_agent_v1", "name": "spawn_agent",
                   "arguments": "{}"}]}""").chat();
        Message.Assistant turn = assertInstanceOf(Message.Assistant.class, chat.messages().get(1));
        assertEquals("multi_agent_v1__spawn_agent", turn.toolCalls().getFirst().name());
    }
}
