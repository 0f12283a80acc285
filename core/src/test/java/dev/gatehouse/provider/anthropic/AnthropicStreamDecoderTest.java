package dev.gatehouse.provider.anthropic;

import dev.gatehouse.api.ServerSentEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.Usage;
import dev.gatehouse.http.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Streams from https://platform.claude.com/docs/en/build-with-claude/streaming, decoded. */
class AnthropicStreamDecoderTest {

    /** The documented stream with text and a tool_use block (trimmed to fewer text deltas). */
    private static final String TOOL_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-opus-5","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Okay"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", let's check the weather for San Francisco, CA:"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: content_block_start
            data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\":"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":" \\"San Francisc"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"o, CA\\"}"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":1}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    /** The documented stream with a thinking block, then text. */
    private static final String THINKING_STREAM = """
            event: message_start
            data: {"type": "message_start", "message": {"id": "msg_01", "type": "message", "role": "assistant", "content": [], "model": "claude-opus-5", "stop_reason": null, "stop_sequence": null}}

            event: content_block_start
            data: {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": "", "signature": ""}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\\n\\n1071 = 2 × 462 + 147"}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "\\nThe remainder is 0, so GCD(1071, 462) = 21."}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds..."}}

            event: content_block_stop
            data: {"type": "content_block_stop", "index": 0}

            event: content_block_start
            data: {"type": "content_block_start", "index": 1, "content_block": {"type": "text", "text": ""}}

            event: content_block_delta
            data: {"type": "content_block_delta", "index": 1, "delta": {"type": "text_delta", "text": "The greatest common divisor of 1071 and 462 is **21**."}}

            event: content_block_stop
            data: {"type": "content_block_stop", "index": 1}

            event: message_delta
            data: {"type": "message_delta", "delta": {"stop_reason": "end_turn", "stop_sequence": null}}

            event: message_stop
            data: {"type": "message_stop"}

            """;

    private static List<ServerSentEvent> events(String sse) {
        List<ServerSentEvent> events = new ArrayList<>();
        try (SseReader reader = new SseReader(new ByteArrayInputStream(sse.getBytes(StandardCharsets.UTF_8)))) {
            for (ServerSentEvent event = reader.next(); event != null; event = reader.next()) {
                events.add(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static List<ChatChunk> decode(AnthropicStreamDecoder decoder, String sse) {
        List<ChatChunk> chunks = new ArrayList<>();
        events(sse).forEach(event -> chunks.addAll(decoder.onEvent(event)));
        return chunks;
    }

    private static ChatChunk.Delta delta(ChatChunk chunk) {
        return chunk.choices().getFirst().delta();
    }

    @Test
    @DisplayName("text and tool_use, with usage (docs: streaming request with tool use)")
    void textAndToolUse() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(true, 1_700_000_000L);
        List<ChatChunk> chunks = decode(decoder, TOOL_STREAM);
        assertTrue(decoder.finished());
        assertEquals(9, chunks.size(), chunks.toString());
        assertEquals("assistant", delta(chunks.get(0)).role());
        assertEquals("Okay", delta(chunks.get(1)).content());
        assertEquals(", let's check the weather for San Francisco, CA:", delta(chunks.get(2)).content());
        assertEquals(new ChatChunk.ToolCallDelta(0, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""),
                delta(chunks.get(3)).toolCalls().getFirst());
        assertEquals(new ChatChunk.ToolCallDelta(0, null, null, "{\"location\":"), delta(chunks.get(4)).toolCalls().getFirst());
        assertEquals(" \"San Francisc", delta(chunks.get(5)).toolCalls().getFirst().arguments());
        assertEquals("o, CA\"}", delta(chunks.get(6)).toolCalls().getFirst().arguments());
        ChatChunk finish = chunks.get(7);
        assertEquals(FinishReason.TOOL_CALLS, finish.choices().getFirst().finishReason());
        assertEquals(ChatChunk.Delta.EMPTY, delta(finish));
        ChatChunk usage = chunks.get(8);
        assertTrue(usage.choices().isEmpty());
        assertEquals(new Usage(472, 89, null, null, null), usage.usage());
        for (ChatChunk chunk : chunks) {
            assertEquals("msg_014p7gG3wDgGV9EUtLvnow3U", chunk.id());
            assertEquals(1_700_000_000L, chunk.created());
            assertEquals("claude-opus-5", chunk.model());
        }
        for (ChatChunk chunk : chunks.subList(0, 8)) {
            assertNull(chunk.usage(), "usage only in the last chunk");
        }
    }

    @Test
    @DisplayName("thinking deltas become reasoning_content, the block's signature its piece of the reasoning signature "
            + "(docs: streaming request with thinking)")
    void thinkingAndText() {
        List<ChatChunk> chunks = decode(new AnthropicStreamDecoder(false, 0), THINKING_STREAM);
        assertEquals(6, chunks.size(), chunks.toString());
        String thinking = "I need to find the GCD of 1071 and 462 using the Euclidean algorithm.\n\n1071 = 2 × 462 + 147";
        assertEquals(thinking, delta(chunks.get(1)).reasoningContent());
        assertNull(delta(chunks.get(1)).content());
        assertEquals("\nThe remainder is 0, so GCD(1071, 462) = 21.", delta(chunks.get(2)).reasoningContent());
        String whole = thinking + "\nThe remainder is 0, so GCD(1071, 462) = 21.";
        assertEquals(List.of(new ReasoningSignature.Thinking(whole, "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...")),
                ReasoningSignature.decode(whole, delta(chunks.get(3)).reasoningSignature()));
        assertEquals("The greatest common divisor of 1071 and 462 is **21**.", delta(chunks.get(4)).content());
        assertEquals(FinishReason.STOP, chunks.get(5).choices().getFirst().finishReason());
        assertTrue(chunks.stream().allMatch(chunk -> chunk.usage() == null && !chunk.choices().isEmpty()),
                "no usage chunk unless asked for");
    }

    @Test
    void toolCallsAreNumberedInTheirOwnOrder() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_2","model":"m","usage":{"input_tokens":10,"cache_read_input_tokens":100,"cache_creation_input_tokens":5,"output_tokens":1}}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_a","name":"get_weather","input":{}}}

                event: content_block_start
                data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_b","name":"get_time","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{}"}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":30}}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":31}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        List<ChatChunk> chunks = decode(new AnthropicStreamDecoder(true, 0), stream);
        assertEquals(List.of(0, 1, 1), chunks.stream().flatMap(c -> c.choices().stream())
                .flatMap(c -> c.delta().toolCalls().stream()).map(ChatChunk.ToolCallDelta::index).toList());
        assertEquals(1, chunks.stream().flatMap(c -> c.choices().stream()).filter(c -> c.finishReason() != null).count(),
                "one finish reason, however many message_delta events");
        assertEquals(new Usage(115, 31, 100, 5, null), chunks.getLast().usage());
    }

    @Test
    @DisplayName("an error event is thrown as its kind (docs: streaming#error-events)")
    void errorEvent() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(false, 0);
        List<ServerSentEvent> events = events(TOOL_STREAM);
        assertEquals(2, decoder.onEvent(events.get(0)).size() + decoder.onEvent(events.get(1)).size()
                + decoder.onEvent(events.get(2)).size() + decoder.onEvent(events.get(3)).size());
        GatewayException error = assertThrows(GatewayException.class, () -> decoder.onEvent(new ServerSentEvent("error",
                "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}")));
        assertEquals(529, assertInstanceOf(GatewayException.UpstreamServerError.class, error).upstreamStatus());
        assertEquals(503, error.status());
    }

    @Test
    void aStreamThatEndsEarlyIsABrokenTransport() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(true, 0);
        events(TOOL_STREAM).subList(0, 5).forEach(decoder::onEvent);
        assertFalse(decoder.finished());
        GatewayException error = assertThrows(GatewayException.class, decoder::onEnd);
        assertInstanceOf(GatewayException.TransportFailure.class, error);
        assertTrue(error.retryable());
    }

    @Test
    void unknownEventsAreSkippedAndEventsBeforeTheStartRefused() {
        AnthropicStreamDecoder decoder = new AnthropicStreamDecoder(false, 0);
        assertThrows(GatewayException.UpstreamServerError.class, () -> decoder.onEvent(new ServerSentEvent(
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"x\"}}")));
        decoder.onEvent(events(TOOL_STREAM).getFirst());
        assertEquals(List.of(), decoder.onEvent(new ServerSentEvent("message_annotation", "{\"type\":\"message_annotation\"}")));
        assertEquals(List.of(), decoder.onEvent(new ServerSentEvent("ping", "{\"type\": \"ping\"}")));
    }

    @Test
    void aMessageStopWithoutStopReasonStillFinishesOnce() {
        String stream = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_3","model":"m"}}

                event: message_stop
                data: {"type":"message_stop"}

                """;
        List<ChatChunk> chunks = decode(new AnthropicStreamDecoder(false, 0), stream);
        assertEquals(FinishReason.STOP, chunks.getLast().choices().getFirst().finishReason());
        assertEquals(2, chunks.size());
    }
}
