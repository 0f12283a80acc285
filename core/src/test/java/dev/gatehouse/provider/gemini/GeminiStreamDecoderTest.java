package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.ServerSentEvent;

import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.http.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code :streamGenerateContent?alt=sse} events → OpenAI chunks. */
class GeminiStreamDecoderTest {

    static final long CREATED = 1_764_000_000L;

    /**
     * A text stream as Gemini sends it (https://ai.google.dev/gemini-api/docs/text-generation#streaming-responses):
     * {@code data:} lines, CRLF line ends, cumulative usage, the finish reason with the last text, no terminator.
     */
    static final String TEXT_STREAM = ""
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"It is\"}],\"role\": \"model\"},\"index\": 0}],"
            + "\"usageMetadata\": {\"promptTokenCount\": 20,\"candidatesTokenCount\": 2,\"totalTokenCount\": 22},"
            + "\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"7oQsaf2UMNy\"}\r\n\r\n"
            + "data: {\"candidates\": [{\"content\": {\"parts\": [{\"text\": \" 18C in Paris.\"}],\"role\": \"model\"},"
            + "\"finishReason\": \"STOP\",\"index\": 0}],"
            + "\"usageMetadata\": {\"promptTokenCount\": 20,\"candidatesTokenCount\": 6,\"thoughtsTokenCount\": 4,"
            + "\"totalTokenCount\": 30},\"modelVersion\": \"gemini-2.5-flash\",\"responseId\": \"7oQsaf2UMNy\"}\r\n\r\n";

    /** Two function calls, each arriving whole in its own event, the finish reason in a last event without parts. */
    static final String CALL_STREAM = ""
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"get_weather\","
            + "\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"index\":0}],\"responseId\":\"c1\"}\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"functionCall\":{\"name\":\"get_time\","
            + "\"args\":{\"city\":\"Paris\"}}}],\"role\":\"model\"},\"index\":0}],\"responseId\":\"c1\"}\r\n\r\n"
            + "data: {\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],"
            + "\"usageMetadata\":{\"promptTokenCount\":30,\"candidatesTokenCount\":12,\"totalTokenCount\":42},"
            + "\"responseId\":\"c1\"}\r\n\r\n";

    /** Runs a whole SSE body through a decoder, as {@code GeminiChatStream} does. */
    static List<ChatChunk> decode(String sse, boolean includeUsage) {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini-2.5-flash", includeUsage, CREATED);
        List<ChatChunk> chunks = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)))) {
            for (ServerSentEvent event = reader.next(); event != null; event = reader.next()) {
                chunks.addAll(decoder.onEvent(event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunks.addAll(decoder.onEnd());
        return chunks;
    }

    @Test
    @DisplayName("a whole text stream with CRLF line ends")
    void textStream() {
        List<ChatChunk> chunks = decode(TEXT_STREAM, true);
        assertEquals(4, chunks.size(), "two deltas, the finish chunk, the usage chunk");
        assertEquals("assistant", chunks.get(0).choices().getFirst().delta().role());
        assertEquals("It is", chunks.get(0).choices().getFirst().delta().content());
        assertNull(chunks.get(1).choices().getFirst().delta().role(), "the role only once");
        assertEquals(" 18C in Paris.", chunks.get(1).choices().getFirst().delta().content());
        assertNull(chunks.get(1).choices().getFirst().finishReason(), "the finish reason waits for the end");
        assertEquals(FinishReason.STOP, chunks.get(2).choices().getFirst().finishReason());
        assertEquals(ChatChunk.Delta.EMPTY, chunks.get(2).choices().getFirst().delta());
        assertTrue(chunks.get(3).choices().isEmpty());
        assertEquals(new Usage(20, 10, null, null, 4), chunks.get(3).usage(), "the last, cumulative usage");
        for (ChatChunk chunk : chunks) {
            assertEquals("7oQsaf2UMNy", chunk.id());
            assertEquals(CREATED, chunk.created());
            assertEquals("gemini-2.5-flash", chunk.model());
        }
    }

    @Test
    void noUsageChunkUnlessAskedFor() {
        List<ChatChunk> chunks = decode(TEXT_STREAM, false);
        assertEquals(3, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.usage() == null && !c.choices().isEmpty()));
    }

    @Test
    void functionCallsArriveWholeWithARunningIndex() {
        List<ChatChunk> chunks = decode(CALL_STREAM, true);
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        chunks.forEach(c -> c.choices().forEach(choice -> calls.addAll(choice.delta().toolCalls())));
        assertEquals(2, calls.size());
        assertEquals(0, calls.get(0).index());
        assertEquals(1, calls.get(1).index());
        assertEquals(List.of("get_weather", "get_time"), calls.stream().map(ChatChunk.ToolCallDelta::name).toList());
        assertEquals(json("{\"city\":\"Paris\"}"), json(calls.get(1).arguments()));
        assertEquals(FinishReason.TOOL_CALLS, chunks.get(2).choices().getFirst().finishReason());
        assertEquals(new Usage(30, 12, null, null, null), chunks.getLast().usage());

        ChatResponse whole = GeminiResponseMapper.toChatResponse(json("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},
                   {"functionCall":{"name":"get_time","args":{"city":"Paris"}}}]},"finishReason":"STOP","index":0}],
                 "responseId":"c1"}"""), "gemini-2.5-flash", CREATED);
        assertEquals(whole.choices().getFirst().message().toolCalls().stream().map(ToolCall::id).toList(),
                calls.stream().map(ChatChunk.ToolCallDelta::id).toList(), "streamed and whole answers get the same ids");
    }

    @Test
    void aBodyEndingWithoutAFinishReasonIsAnError() {
        String cut = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("data:", 10));
        GatewayException error = assertThrows(GatewayException.class, () -> decode(cut, true));
        assertTrue(error instanceof GatewayException.UpstreamServerError && error.retryable(), error.toString());
        assertThrows(GatewayException.UpstreamServerError.class, () -> decode("", true));
    }

    @Test
    @DisplayName("an error object inside the stream is the mapped error (https://ai.google.dev/gemini-api/docs/troubleshooting)")
    void errorEvents() {
        GeminiStreamDecoder decoder = new GeminiStreamDecoder("gemini-2.5-flash", false, CREATED);
        assertEquals("Hel", decode(decoder, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],"
                + "\"role\":\"model\"},\"index\":0}]}").getFirst().choices().getFirst().delta().content());
        GatewayException.UpstreamServerError overloaded = assertThrows(GatewayException.UpstreamServerError.class,
                () -> decode(decoder, "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\","
                        + "\"status\":\"UNAVAILABLE\"}}"));
        assertEquals(503, overloaded.status());

        GatewayException.RateLimited limited = assertThrows(GatewayException.RateLimited.class,
                () -> decode(new GeminiStreamDecoder("m", false, CREATED), "{\"error\":{\"code\":429,"
                        + "\"message\":\"Resource has been exhausted\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                        + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"12s\"}]}}"));
        assertEquals(Duration.ofSeconds(12), limited.retryAfter().orElseThrow());
    }

    @Test
    void aBlockedPromptInAStreamIsContentFiltered() {
        assertThrows(GatewayException.ContentFiltered.class, () -> decode(
                "data: {\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"responseId\":\"b1\"}\r\n\r\n", true));
    }

    @Test
    void aMalformedFunctionCallEndsTheStreamWithAnError() {
        assertThrows(GatewayException.UpstreamServerError.class, () -> decode(
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\"},\"finishReason\":\"MALFORMED_FUNCTION_CALL\","
                        + "\"index\":0}],\"responseId\":\"m1\"}\r\n\r\n", true));
    }

    @Test
    void thoughtsStreamAsReasoning() {
        List<ChatChunk> chunks = decode("data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Thinking...\","
                + "\"thought\":true}],\"role\":\"model\"},\"index\":0}],\"responseId\":\"t1\"}\r\n\r\n"
                + "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Done.\"}],\"role\":\"model\"},"
                + "\"finishReason\":\"STOP\",\"index\":0}],\"responseId\":\"t1\"}\r\n\r\n", false);
        assertEquals("Thinking...", chunks.get(0).choices().getFirst().delta().reasoningContent());
        assertNull(chunks.get(0).choices().getFirst().delta().content());
        assertEquals("Done.", chunks.get(1).choices().getFirst().delta().content());
    }

    private static List<ChatChunk> decode(GeminiStreamDecoder decoder, String data) {
        return decoder.onEvent(new ServerSentEvent(null, data));
    }
}
