package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A completion, whole and streamed, read as chat, from the API reference's documented payloads
 * (https://platform.openai.com/docs/api-reference/completions/object and its streamed form).
 */
class TextCompletionResponseTest {

    /** The reference's example answer. */
    private static final String ANSWER = """
            {"id":"cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7","object":"text_completion","created":1589478378,
             "model":"gpt-3.5-turbo-instruct","system_fingerprint":"fp_44709d6fcb",
             "choices":[{"text":"\\n\\nThis is indeed a test","index":0,"logprobs":null,"finish_reason":"length"}],
             "usage":{"prompt_tokens":5,"completion_tokens":7,"total_tokens":12}}""";

    @Test
    void theDocumentedAnswerIsAChatAnswer() {
        ChatResponse response = TextCompletionResponseMapper.toChatResponse(Json.parseUpstream(ANSWER, "test"), "x");
        assertEquals("cmpl-uqkvlQyYK7bGYrRHQ0eXlWi7", response.id());
        assertEquals(1589478378L, response.created());
        assertEquals("gpt-3.5-turbo-instruct", response.model());
        assertEquals("fp_44709d6fcb", response.systemFingerprint());
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals("\n\nThis is indeed a test", choice.message().content(), "the text exactly, untrimmed");
        assertEquals(FinishReason.LENGTH, choice.finishReason());
        assertEquals(5, response.usage().promptTokens());
        assertEquals(7, response.usage().completionTokens());
    }

    @Test
    void severalChoicesKeepTheirIndexes() {
        ChatResponse response = TextCompletionResponseMapper.toChatResponse(Json.parseUpstream("""
                {"id":"cmpl-1","object":"text_completion","created":1,"model":"m","choices":[
                 {"text":"b","index":1,"logprobs":null,"finish_reason":"stop"},
                 {"text":"a","index":0,"logprobs":null,"finish_reason":"stop"}]}""", "test"), "x");
        assertEquals(List.of("a", "b"), response.choices().stream().map(c -> c.message().content()).toList());
        assertNull(response.usage(), "no usage reported, none invented");
    }

    @Test
    void anAnswerWithoutChoicesIsAnUpstreamFailure() {
        assertThrows(GatewayException.UpstreamServerError.class, () -> TextCompletionResponseMapper.toChatResponse(
                Json.parseUpstream("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[]}", "test"), "x"));
    }

    /** The reference's streamed chunk shape; the usage chunk has no choices, as chat's. */
    private static List<ServerSentEvent> stream() {
        String chunk = "{\"id\":\"cmpl-7iA7iJjj8V2zOkCGvWF2hAkDWBQZe\",\"object\":\"text_completion\","
                + "\"created\":1690759702,\"choices\":[{\"text\":\"%s\",\"index\":0,\"logprobs\":null,"
                + "\"finish_reason\":%s}],\"model\":\"gpt-3.5-turbo-instruct\",\"system_fingerprint\":\"fp_44709d6fcb\"}";
        return List.of(new ServerSentEvent(null, chunk.formatted("This", "null")),
                new ServerSentEvent(null, chunk.formatted(" is", "null")),
                new ServerSentEvent(null, chunk.formatted("", "\"stop\"")),
                new ServerSentEvent(null, "{\"id\":\"cmpl-7iA7iJjj8V2zOkCGvWF2hAkDWBQZe\",\"object\":\"text_completion\","
                        + "\"created\":1690759702,\"choices\":[],\"model\":\"gpt-3.5-turbo-instruct\","
                        + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":2,\"total_tokens\":6}}"),
                new ServerSentEvent(null, "[DONE]"));
    }

    private static List<ChatChunk> decode(boolean callerWantsUsage) {
        TextCompletionStreamDecoder decoder = new TextCompletionStreamDecoder(TextCompletionProvider.PROFILE,
                callerWantsUsage);
        List<ChatChunk> chunks = new ArrayList<>();
        stream().forEach(event -> chunks.addAll(decoder.onEvent(event)));
        assertTrue(decoder.finished());
        chunks.addAll(decoder.onEnd());
        return chunks;
    }

    @Test
    void aStreamBecomesChatChunks() {
        List<ChatChunk> chunks = decode(true);
        assertEquals(4, chunks.size());
        ChatChunk.Delta first = chunks.getFirst().choices().getFirst().delta();
        assertEquals("assistant", first.role(), "the first piece carries the role, as chat's first delta");
        assertEquals("This", first.content());
        assertEquals(" is", chunks.get(1).choices().getFirst().delta().content());
        assertNull(chunks.get(1).choices().getFirst().delta().role());
        assertEquals(FinishReason.STOP, chunks.get(2).choices().getFirst().finishReason());
        assertNull(chunks.get(2).choices().getFirst().delta().content(), "no empty text piece");
        ChatChunk usage = chunks.getLast();
        assertTrue(usage.choices().isEmpty());
        assertEquals(4, usage.usage().promptTokens());
        assertEquals(2, usage.usage().completionTokens());
        assertTrue(chunks.stream().allMatch(c -> c.id().equals("cmpl-7iA7iJjj8V2zOkCGvWF2hAkDWBQZe")));
    }

    @Test
    void usageIsShownOnlyToCallersWhoAskedForIt() {
        List<ChatChunk> chunks = decode(false);
        assertEquals(3, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.usage() == null && !c.choices().isEmpty()));
    }

    @Test
    void anErrorInsideTheStreamFailsIt() {
        TextCompletionStreamDecoder decoder = new TextCompletionStreamDecoder(TextCompletionProvider.PROFILE, false);
        GatewayException error = assertThrows(GatewayException.class, () -> decoder.onEvent(new ServerSentEvent(null,
                "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":500}}")));
        assertEquals(500, error.status());
    }

    @Test
    void aStreamCutBeforeItsFinishReasonIsABrokenStream() {
        TextCompletionStreamDecoder decoder = new TextCompletionStreamDecoder(TextCompletionProvider.PROFILE, false);
        decoder.onEvent(stream().getFirst());
        assertThrows(GatewayException.TransportFailure.class, decoder::onEnd);
    }
}
