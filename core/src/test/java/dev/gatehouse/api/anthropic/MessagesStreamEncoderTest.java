package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Canonical chunks → Anthropic's stream events, against the sequences of
 * https://platform.claude.com/docs/en/build-with-claude/streaming.
 */
class MessagesStreamEncoderTest {

    private static ChatChunk chunk(ChatChunk.Delta delta, FinishReason finish) {
        return new ChatChunk("c1", 0, "up", List.of(new ChatChunk.Choice(0, delta, finish)), null);
    }

    private static ChatChunk tool(int index, String id, String name, String arguments) {
        return chunk(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(index, id, name, arguments)), null);
    }

    /** Every event as "name" or "name:index:delta type:text", to compare whole sequences. */
    private static List<String> encode(List<ChatChunk> chunks) {
        MessagesStreamEncoder encoder = new MessagesStreamEncoder("my-model");
        List<MessagesStreamEncoder.Event> events = new ArrayList<>();
        chunks.forEach(chunk -> events.addAll(encoder.onChunk(chunk)));
        events.addAll(encoder.finish());
        return events.stream().map(e -> switch (e.name()) {
            case "content_block_start" -> e.name() + ":" + e.data().path("index").asInt() + ":"
                    + e.data().path("content_block").path("type").asText()
                    + (e.data().path("content_block").has("data")
                            ? ":" + e.data().path("content_block").path("data").asText() : "");
            case "content_block_delta" -> e.name() + ":" + e.data().path("index").asInt() + ":"
                    + e.data().path("delta").path("type").asText() + ":" + e.data().path("delta").properties()
                            .stream().filter(f -> !f.getKey().equals("type")).findFirst().orElseThrow().getValue().asText();
            case "content_block_stop" -> e.name() + ":" + e.data().path("index").asInt();
            case "message_delta" -> e.name() + ":" + e.data().path("delta").path("stop_reason").asText() + ":"
                    + e.data().path("usage").path("input_tokens").asInt() + "/"
                    + e.data().path("usage").path("output_tokens").asInt();
            case "message_start" -> e.name() + ":" + e.data().path("message").path("model").asText();
            default -> e.name();
        }).toList();
    }

    @Test
    void thinkingThenTextThenToolCalls() {
        List<String> events = encode(List.of(
                chunk(ChatChunk.Delta.role("assistant"), null),
                chunk(ChatChunk.Delta.reasoning("Hmm."), null),
                chunk(ChatChunk.Delta.content("Checking."), null),
                tool(0, "toolu_01", "get_weather", ""),
                tool(0, null, null, "{\"city\": \"Par"),
                tool(0, null, null, "is\"}"),
                tool(1, "toolu_02", "get_time", "{}"),
                chunk(ChatChunk.Delta.EMPTY, FinishReason.TOOL_CALLS),
                new ChatChunk("c1", 0, "up", List.of(), Usage.of(849, 47))));
        assertEquals(List.of(
                "message_start:my-model", "ping",
                "content_block_start:0:thinking", "content_block_delta:0:thinking_delta:Hmm.", "content_block_stop:0",
                "content_block_start:1:text", "content_block_delta:1:text_delta:Checking.", "content_block_stop:1",
                "content_block_start:2:tool_use",
                "content_block_delta:2:input_json_delta:{\"city\": \"Par",
                "content_block_delta:2:input_json_delta:is\"}", "content_block_stop:2",
                "content_block_start:3:tool_use", "content_block_delta:3:input_json_delta:{}", "content_block_stop:3",
                "message_delta:tool_use:849/47", "message_stop"), events);
    }

    @Test
    void textAcrossChunksIsOneBlock() {
        assertEquals(List.of("message_start:my-model", "ping", "content_block_start:0:text",
                "content_block_delta:0:text_delta:Hel", "content_block_delta:0:text_delta:lo", "content_block_stop:0",
                "message_delta:max_tokens:0/0", "message_stop"),
                encode(List.of(chunk(ChatChunk.Delta.content("Hel"), null), chunk(ChatChunk.Delta.content("lo"), null),
                        chunk(ChatChunk.Delta.EMPTY, FinishReason.LENGTH))));
    }

    @Test
    void anEmptyStreamIsStillAWholeMessage() {
        assertEquals(List.of("message_start:my-model", "ping", "message_delta:end_turn:0/0", "message_stop"),
                encode(List.of()));
    }

    @Test
    void aToolCallResumedAfterAnotherBlockCanNotBeRelayed() {
        assertThrows(GatewayException.UpstreamServerError.class, () -> encode(List.of(
                tool(0, "a", "f", "{"), chunk(ChatChunk.Delta.content("x"), null), tool(0, null, null, "}"))));
    }

    private static ChatChunk signed(ReasoningSignature.Block block) {
        return chunk(ChatChunk.Delta.signature(ReasoningSignature.segment(block)), null);
    }

    /**
     * Signed reasoning streams as Anthropic streams it: each thinking block's text, its
     * signature_delta, its stop; a redacted block is a block of its own carrying its data.
     */
    @Test
    void signaturePiecesSignAndCloseTheirBlocks() {
        List<String> events = encode(List.of(
                chunk(ChatChunk.Delta.reasoning("Fir"), null),
                chunk(ChatChunk.Delta.reasoning("st."), null),
                signed(new ReasoningSignature.Thinking("First.", "EqoB")),
                signed(new ReasoningSignature.Redacted("EmwK")),
                chunk(ChatChunk.Delta.reasoning(" Then."), null),
                signed(new ReasoningSignature.Thinking(" Then.", "Ezz")),
                tool(0, "toolu_01", "f", "{}"),
                chunk(ChatChunk.Delta.EMPTY, FinishReason.TOOL_CALLS)));
        assertEquals(List.of("message_start:my-model", "ping",
                "content_block_start:0:thinking", "content_block_delta:0:thinking_delta:Fir",
                "content_block_delta:0:thinking_delta:st.", "content_block_delta:0:signature_delta:EqoB",
                "content_block_stop:0",
                "content_block_start:1:redacted_thinking:EmwK", "content_block_stop:1",
                "content_block_start:2:thinking", "content_block_delta:2:thinking_delta: Then.",
                "content_block_delta:2:signature_delta:Ezz", "content_block_stop:2",
                "content_block_start:3:tool_use", "content_block_delta:3:input_json_delta:{}", "content_block_stop:3",
                "message_delta:tool_use:0/0", "message_stop"), events);
    }

    /** A redacted block right after unsigned reasoning closes that block first. */
    @Test
    void aRedactedBlockAfterUnsignedReasoning() {
        assertEquals(List.of("message_start:my-model", "ping",
                "content_block_start:0:thinking", "content_block_delta:0:thinking_delta:Hmm.", "content_block_stop:0",
                "content_block_start:1:redacted_thinking:EmwK", "content_block_stop:1",
                "message_delta:end_turn:0/0", "message_stop"),
                encode(List.of(chunk(ChatChunk.Delta.reasoning("Hmm."), null),
                        signed(new ReasoningSignature.Redacted("EmwK")))));
    }

    @Test
    void aSignatureThatDoesNotMatchTheStreamedReasoningIsTheUpstreamsFault() {
        assertThrows(GatewayException.UpstreamServerError.class, () -> encode(List.of(
                chunk(ChatChunk.Delta.reasoning("Hmm."), null),
                signed(new ReasoningSignature.Thinking("Something else", "s")))));
    }
}
