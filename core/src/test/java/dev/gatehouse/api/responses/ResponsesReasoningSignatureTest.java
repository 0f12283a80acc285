package dev.gatehouse.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider's reasoning signature through the Responses API: out as a reasoning item's
 * {@code encrypted_content} only when {@code include} asks for {@code reasoning.encrypted_content}
 * (https://platform.openai.com/docs/api-reference/responses/create, "include"), whole and
 * streamed alike; back in from the item alone, as Codex sends it (summary and encrypted content,
 * no reasoning text content); another platform's encrypted reasoning still dropped.
 */
class ResponsesReasoningSignatureTest {

    private static final String ID = ResponseJsonTest.ID;
    private static final String THOUGHT = "Weather needs a tool.";
    /** Two signed thinking blocks and a redacted one, as Claude may answer. */
    private static final String SIGNATURE = ReasoningSignature.encode(List.of(
            new ReasoningSignature.Thinking("Weather ", "sig_1"),
            new ReasoningSignature.Thinking("needs a tool.", "sig_2"),
            new ReasoningSignature.Redacted("redacted_1")));
    private static final String CODEX = """
            {"model": "m", "input": "Weather in Paris?", "store": false, "reasoning": {"effort": "low",
             "summary": "auto"}, "include": ["reasoning.encrypted_content"]}""";
    private static final String NO_INCLUDE = """
            {"model": "m", "input": "Weather in Paris?", "reasoning": {"effort": "low", "summary": "auto"}}""";

    private static Message.Assistant signedToolCall(String reasoning, String signature) {
        return new Message.Assistant(null, List.of(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}")),
                null, reasoning, null, signature);
    }

    private static ObjectNode whole(String body, Message.Assistant message) {
        return ResponseJson.write(ResponseJsonTest.request(body),
                ResponseJsonTest.answer(message, FinishReason.TOOL_CALLS, Usage.of(10, 5)), ID, 1);
    }

    /** The same answer streamed as the Anthropic adapter streams it: each block's text, then its signature piece. */
    private static List<ChatChunk> streamed() {
        List<ChatChunk> chunks = new ArrayList<>();
        chunks.add(chunk(ChatChunk.Delta.reasoning("Weather ")));
        chunks.add(chunk(ChatChunk.Delta.signature(ReasoningSignature.segment(
                new ReasoningSignature.Thinking("Weather ", "sig_1")))));
        chunks.add(chunk(ChatChunk.Delta.reasoning("needs ")));
        chunks.add(chunk(ChatChunk.Delta.reasoning("a tool.")));
        chunks.add(chunk(ChatChunk.Delta.signature(ReasoningSignature.segment(
                new ReasoningSignature.Thinking("needs a tool.", "sig_2")))));
        chunks.add(chunk(ChatChunk.Delta.signature(ReasoningSignature.segment(
                new ReasoningSignature.Redacted("redacted_1")))));
        chunks.add(chunk(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(0, "call_1", "get_weather",
                "{\"city\":\"Paris\"}"))));
        chunks.add(new ChatChunk("c1", 0, "up", List.of(new ChatChunk.Choice(0, ChatChunk.Delta.EMPTY,
                FinishReason.TOOL_CALLS)), Usage.of(10, 5)));
        return chunks;
    }

    private static ChatChunk chunk(ChatChunk.Delta delta) {
        return new ChatChunk("c1", 0, "up", List.of(new ChatChunk.Choice(0, delta, null)), null);
    }

    private static List<ResponsesStreamEncoder.Event> stream(ResponsesStreamEncoder encoder, List<ChatChunk> chunks) {
        List<ResponsesStreamEncoder.Event> events = new ArrayList<>();
        chunks.forEach(c -> events.addAll(encoder.onChunk(c)));
        events.addAll(encoder.finish());
        return events;
    }

    /** Turn 2 as Codex sends it: the first request's input, the output items as they came, the tool's output. */
    private static ResponsesRequest nextTurn(ObjectNode firstResponse) {
        ObjectNode body = (ObjectNode) Json.parseUpstream(CODEX, "test");
        ArrayNode input = body.putArray("input");
        input.addObject().put("type", "message").put("role", "user").put("content", "Weather in Paris?");
        for (JsonNode item : firstResponse.path("output")) {
            ObjectNode sent = (ObjectNode) item.deepCopy();
            // Codex sends a reasoning item back without its id and without reasoning_text content.
            if (sent.path("type").asText().equals("reasoning")) {
                sent.remove("id");
                sent.remove("content");
            }
            input.add(sent);
        }
        input.addObject().put("type", "function_call_output").put("call_id", "call_1").put("output", "18C, sunny");
        return ResponsesRequestJson.read(body);
    }

    @Test
    void aWholeAnswerCarriesTheSignatureAsEncryptedContentOnlyWhenIncludeAsksForIt() {
        ObjectNode included = whole(CODEX, signedToolCall(THOUGHT, SIGNATURE));
        JsonNode reasoning = included.path("output").get(0);
        assertEquals("reasoning", reasoning.path("type").asText());
        assertEquals(THOUGHT, reasoning.path("summary").get(0).path("text").asText());
        String encrypted = reasoning.path("encrypted_content").asText();
        assertTrue(EncryptedReasoning.isOwn(encrypted), encrypted);
        assertEquals(new EncryptedReasoning.Unwrapped(THOUGHT, SIGNATURE),
                EncryptedReasoning.unwrap(encrypted, "input[0].encrypted_content"));

        ObjectNode plain = whole(NO_INCLUDE, signedToolCall(THOUGHT, SIGNATURE));
        assertFalse(plain.path("output").get(0).has("encrypted_content"), plain.toString());
        assertEquals(THOUGHT, plain.path("output").get(0).path("summary").get(0).path("text").asText());
    }

    @Test
    void redactedReasoningAloneIsAReasoningItemWithAnEmptySummary() {
        String redacted = ReasoningSignature.encode(List.of(new ReasoningSignature.Redacted("redacted_9")));
        ObjectNode response = whole(CODEX, signedToolCall(null, redacted));
        JsonNode reasoning = response.path("output").get(0);
        assertEquals("reasoning", reasoning.path("type").asText());
        assertEquals(0, reasoning.path("summary").size());
        assertFalse(reasoning.has("content"));
        assertEquals(new EncryptedReasoning.Unwrapped("", redacted),
                EncryptedReasoning.unwrap(reasoning.path("encrypted_content").asText(), "x"));
        assertEquals("function_call", response.path("output").get(1).path("type").asText());

        ObjectNode plain = whole(NO_INCLUDE, signedToolCall(null, redacted));
        assertEquals(json("{\"id\": \"rs_" + ID.substring(5) + "0000\", \"type\": \"reasoning\", \"summary\": []}"),
                plain.path("output").get(0));
    }

    @Test
    void reasoningWithoutASignatureHasNoEncryptedContentEvenWhenIncluded() {
        ObjectNode response = whole(CODEX, signedToolCall(THOUGHT, null));
        assertFalse(response.path("output").get(0).has("encrypted_content"), response.toString());
    }

    @Test
    void aStreamJoinsTheSignaturePiecesIntoTheItemAndEndsAsTheWholeAnswerDoes() {
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponseJsonTest.request(CODEX), ID, 1);
        List<ResponsesStreamEncoder.Event> events = stream(encoder, streamed());
        List<String> types = events.stream().map(ResponsesStreamEncoder.Event::type).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.reasoning_summary_part.added", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.delta",
                "response.reasoning_summary_text.done", "response.reasoning_summary_part.done",
                "response.output_item.done", "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.done", "response.output_item.done", "response.completed"), types);
        assertFalse(events.get(2).data().path("item").has("encrypted_content"), "nothing to carry when it starts");
        JsonNode done = events.get(9).data().path("item");
        assertEquals(new EncryptedReasoning.Unwrapped(THOUGHT, SIGNATURE),
                EncryptedReasoning.unwrap(done.path("encrypted_content").asText(), "x"));
        assertEquals(whole(CODEX, signedToolCall(THOUGHT, SIGNATURE)).path("output"),
                encoder.finalResponse().path("output"), "streamed and whole answers agree");

        ResponsesStreamEncoder plain = new ResponsesStreamEncoder(ResponseJsonTest.request(NO_INCLUDE), ID, 1);
        stream(plain, streamed());
        assertFalse(plain.finalResponse().path("output").get(0).has("encrypted_content"));
        assertEquals(THOUGHT, plain.finalResponse().path("output").get(0).path("summary").get(0).path("text").asText());
    }

    @Test
    void aStreamOfRedactedReasoningOnlyOpensAnItemWithoutTextParts() {
        String piece = ReasoningSignature.segment(new ReasoningSignature.Redacted("redacted_9"));
        ResponsesStreamEncoder encoder = new ResponsesStreamEncoder(ResponseJsonTest.request("""
                {"model": "m", "input": "Hi", "include": ["reasoning.encrypted_content"]}"""), ID, 1);
        List<ResponsesStreamEncoder.Event> events = stream(encoder, List.of(chunk(ChatChunk.Delta.signature(piece)),
                chunk(ChatChunk.Delta.content("Hello."))));
        List<String> types = events.stream().map(ResponsesStreamEncoder.Event::type).toList();
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.output_item.done", "response.output_item.added", "response.content_part.added",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done", "response.completed"), types);
        JsonNode reasoning = encoder.finalResponse().path("output").get(0);
        assertEquals(0, reasoning.path("summary").size());
        assertFalse(reasoning.has("content"));
        assertEquals(new EncryptedReasoning.Unwrapped("", piece),
                EncryptedReasoning.unwrap(reasoning.path("encrypted_content").asText(), "x"));
    }

    @Test
    void theItemSentBackGivesTheAssistantTurnItsTextAndSignature() {
        ResponsesRequest next = nextTurn(whole(CODEX, signedToolCall(THOUGHT, SIGNATURE)));
        assertEquals(List.of(), next.dropped(), "Gatehouse's own encrypted reasoning reaches the upstream");
        List<Message> messages = next.chat().messages();
        assertEquals(3, messages.size(), messages.toString());
        Message.Assistant turn = (Message.Assistant) messages.get(1);
        assertEquals(THOUGHT, turn.reasoningContent());
        assertEquals(SIGNATURE, turn.reasoningSignature());
        assertEquals("call_1", turn.toolCalls().getFirst().id());
        assertEquals(new Message.Tool("call_1", "18C, sunny"), messages.get(2));
        assertTrue(next.input().get(1).has("encrypted_content"), "the item is kept as it came, for the store");
    }

    @Test
    void theSignedTextWinsOverASummaryAClientReworded() {
        ObjectNode first = whole(CODEX, signedToolCall(THOUGHT, SIGNATURE));
        ((ObjectNode) first.path("output").get(0).path("summary").get(0)).put("text", "Needs a tool.");
        Message.Assistant turn = (Message.Assistant) nextTurn(first).chat().messages().get(1);
        assertEquals(THOUGHT, turn.reasoningContent(), "the provider signed this text");
        assertEquals(SIGNATURE, turn.reasoningSignature());
    }

    @Test
    void redactedReasoningSentBackHasASignatureAndNoText() {
        String redacted = ReasoningSignature.encode(List.of(new ReasoningSignature.Redacted("redacted_9")));
        Message.Assistant turn = (Message.Assistant) nextTurn(whole(CODEX, signedToolCall(null, redacted)))
                .chat().messages().get(1);
        assertNull(turn.reasoningContent());
        assertEquals(redacted, turn.reasoningSignature());
    }

    @Test
    void openAisEncryptedReasoningIsStillDroppedAndNamed() {
        ResponsesRequest request = ResponsesRequestJson.read(json("""
                {"model": "m", "input": [{"role": "user", "content": "Hi"},
                  {"type": "reasoning", "summary": [{"type": "summary_text", "text": "Greet."}],
                   "encrypted_content": "gAAAAABoISQ1"},
                  {"role": "assistant", "content": "Hello."}, {"role": "user", "content": "Again"}]}"""));
        assertEquals(List.of("input[1].encrypted_content"), request.dropped());
        Message.Assistant turn = (Message.Assistant) request.chat().messages().get(1);
        assertEquals("Greet.", turn.reasoningContent());
        assertNull(turn.reasoningSignature());
    }

    @Test
    void anEditedValueOfGatehousesIsRefusedNamingIt() {
        String encrypted = whole(CODEX, signedToolCall(THOUGHT, SIGNATURE)).path("output").get(0)
                .path("encrypted_content").asText();
        String prefix = encrypted.substring(0, encrypted.indexOf('.') + 1);
        String edited = prefix + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("Weather needs no tool.".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + encrypted.substring(encrypted.indexOf('.', prefix.length()));
        for (String bad : List.of(edited, prefix + "***", prefix + "YQ.", prefix + "YQ.t1.YQ")) {
            GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                    () -> ResponsesRequestJson.read(json("""
                            {"model": "m", "input": [{"role": "user", "content": "Hi"},
                              {"type": "reasoning", "summary": [], "encrypted_content": "%s"},
                              {"role": "assistant", "content": "Hello."}]}""".formatted(bad))), bad);
            assertEquals("input[1].encrypted_content", refused.param(), bad);
        }
    }

    @Test
    void aStoredConversationCarriesTheSignatureIntoTheNextTurn() {
        ResponsesRequest first = ResponseJsonTest.request(CODEX);
        ObjectNode response = whole(CODEX, signedToolCall(THOUGHT, SIGNATURE));
        ArrayNode history = first.input().deepCopy();
        history.addAll((ArrayNode) response.path("output"));
        ResponsesRequest next = ResponsesRequestJson.read(json("""
                {"model": "m", "previous_response_id": "%s", "input": [
                  {"type": "function_call_output", "call_id": "call_1", "output": "18C"}]}""".formatted(ID)))
                .withHistory(history);
        Message.Assistant turn = (Message.Assistant) next.chat().messages().get(1);
        assertEquals(THOUGHT, turn.reasoningContent());
        assertEquals(SIGNATURE, turn.reasoningSignature());
    }

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }
}
