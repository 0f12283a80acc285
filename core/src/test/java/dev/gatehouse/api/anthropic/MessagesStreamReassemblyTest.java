package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ReasoningSignature;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import dev.gatehouse.properties.Gen;
import dev.gatehouse.properties.Tries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Any canonical answer, streamed in any fragments, becomes a well-formed Anthropic event
 * sequence (https://platform.claude.com/docs/en/build-with-claude/streaming) that a client
 * reassembles into the same Message the answer gives whole: signed reasoning included, each
 * thinking block with its signature_delta and each redacted block with its data.
 */
class MessagesStreamReassemblyTest {

    /**
     * An answer: reasoning, text, tool calls, how each is split, and why it stopped; with
     * {@code signed}, the reasoning is that many signed thinking blocks (its pieces), and with
     * {@code redacted} a redacted block follows them.
     */
    record Answer(String reasoning, String text, List<ToolCall> calls, int pieces, FinishReason finish, boolean signed,
            boolean redacted) {

        /** The reasoning blocks a signing provider would have issued; empty when unsigned. */
        List<ReasoningSignature.Block> blocks() {
            List<ReasoningSignature.Block> blocks = new ArrayList<>();
            if (!signed) {
                return blocks;
            }
            List<String> texts = split(reasoning, pieces);
            for (int i = 0; i < texts.size(); i++) {
                blocks.add(new ReasoningSignature.Thinking(texts.get(i), "sig" + i));
            }
            if (redacted) {
                blocks.add(new ReasoningSignature.Redacted("data"));
            }
            return blocks;
        }

        String signature() {
            return signed ? ReasoningSignature.encode(blocks()) : null;
        }
    }

    /**
     * Answers of every shape: no reasoning or text at all (the empty string one time in two),
     * up to 40 printable ASCII characters, zero to three tool calls with distinct ids, one to
     * five pieces, each finish reason, signed or not, with a redacted block or not.
     */
    static Gen<Answer> answers() {
        Gen<String> text = Gen.strings(0, 40, Gen.chars(' ', '~'));
        Gen<String> maybe = Gen.oneOf(List.of(Gen.constant(""), text));
        Gen<Character> letters = random -> random.nextBoolean() ? Gen.chars('a', 'z').next(random)
                : Gen.chars('A', 'Z').next(random);
        Gen<String> names = Gen.strings(1, 8, letters);
        Gen<String> values = Gen.strings(0, 12, letters);
        Gen<Integer> numbers = Gen.between(0, 999);
        Gen<ToolCall> call = random -> {
            String name = names.next(random);
            String value = values.next(random);
            int n = numbers.next(random);
            return new ToolCall("call_" + name + n, name, Json.text(Json.object().put("v", value).put("n", n)));
        };
        Gen<List<ToolCall>> calls = call.list(0, 3).map(list -> {
            Map<String, ToolCall> byId = new LinkedHashMap<>(); // ids must be distinct: a repeat is left out
            list.forEach(c -> byId.putIfAbsent(c.id(), c));
            return List.copyOf(byId.values());
        });
        Gen<FinishReason> finish = Gen.of(List.of(FinishReason.STOP, FinishReason.LENGTH, FinishReason.CONTENT_FILTER));
        Gen<Integer> pieces = Gen.between(1, 5);
        return random -> {
            String reasoning = maybe.next(random);
            String answer = maybe.next(random);
            List<ToolCall> toolCalls = calls.next(random);
            int split = pieces.next(random);
            FinishReason reason = finish.next(random);
            return new Answer(reasoning, answer, toolCalls, split, toolCalls.isEmpty() ? reason : FinishReason.TOOL_CALLS,
                    random.nextBoolean(), random.nextBoolean());
        };
    }

    @Test
    void streamedAnswersReassembleIntoTheWholeMessage() {
        Tries.forAll(300, answers(), MessagesStreamReassemblyTest::reassemblesIntoTheWholeMessage);
    }

    private static void reassemblesIntoTheWholeMessage(Answer answer) {
        Usage usage = new Usage(100, 20, 30, null, null);
        MessagesStreamEncoder encoder = new MessagesStreamEncoder("m");
        List<MessagesStreamEncoder.Event> events = new ArrayList<>();
        for (ChatChunk chunk : chunks(answer, usage)) {
            events.addAll(encoder.onChunk(chunk));
        }
        events.addAll(encoder.finish());

        ObjectNode whole = MessagesResponseJson.write(new ChatResponse("id-1", 0, "m", List.of(new ChatResponse.Choice(0,
                new Message.Assistant(answer.text().isEmpty() ? null : answer.text(), answer.calls(), null,
                        answer.reasoning().isEmpty() ? null : answer.reasoning(), null, answer.signature()),
                answer.finish())), usage, null));
        ObjectNode rebuilt = reassemble(events);
        assertEquals(whole.get("content"), rebuilt.get("content"));
        assertEquals(whole.get("stop_reason"), rebuilt.get("stop_reason"));
        assertEquals(whole.get("usage"), rebuilt.get("usage"));
    }

    private static List<ChatChunk> chunks(Answer answer, Usage usage) {
        List<ChatChunk> chunks = new ArrayList<>();
        chunks.add(chunk(ChatChunk.Delta.role("assistant"), null));
        if (answer.signed()) {
            // As an adapter streams it: each block's text in pieces, then the block's signature piece.
            for (ReasoningSignature.Block block : answer.blocks()) {
                if (block instanceof ReasoningSignature.Thinking thinking) {
                    for (String piece : split(thinking.text(), 2)) {
                        chunks.add(chunk(ChatChunk.Delta.reasoning(piece), null));
                    }
                }
                chunks.add(chunk(ChatChunk.Delta.signature(ReasoningSignature.segment(block)), null));
            }
        } else {
            for (String piece : split(answer.reasoning(), answer.pieces())) {
                chunks.add(chunk(ChatChunk.Delta.reasoning(piece), null));
            }
        }
        for (String piece : split(answer.text(), answer.pieces())) {
            chunks.add(chunk(ChatChunk.Delta.content(piece), null));
        }
        for (int i = 0; i < answer.calls().size(); i++) {
            ToolCall call = answer.calls().get(i);
            chunks.add(chunk(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(i, call.id(), call.name(), "")), null));
            for (String piece : split(call.arguments(), answer.pieces())) {
                chunks.add(chunk(ChatChunk.Delta.toolCall(new ChatChunk.ToolCallDelta(i, null, null, piece)), null));
            }
        }
        chunks.add(chunk(ChatChunk.Delta.EMPTY, answer.finish()));
        chunks.add(new ChatChunk("id-1", 0, "m", List.of(), usage));
        return chunks;
    }

    private static ChatChunk chunk(ChatChunk.Delta delta, FinishReason finish) {
        return new ChatChunk("id-1", 0, "m", List.of(new ChatChunk.Choice(0, delta, finish)), null);
    }

    private static List<String> split(String text, int pieces) {
        List<String> out = new ArrayList<>();
        int size = Math.max(1, (text.length() + pieces - 1) / pieces);
        for (int start = 0; start < text.length(); start += size) {
            out.add(text.substring(start, Math.min(text.length(), start + size)));
        }
        return out;
    }

    /** A client's reassembly, checking the sequence's shape as it goes. */
    private static ObjectNode reassemble(List<MessagesStreamEncoder.Event> events) {
        assertEquals("message_start", events.get(0).name());
        assertEquals("ping", events.get(1).name());
        assertEquals("message_stop", events.getLast().name());
        assertEquals("message_delta", events.get(events.size() - 2).name());
        ObjectNode message = events.get(0).data().path("message").deepCopy();
        ArrayNode content = (ArrayNode) message.get("content");
        StringBuilder json = null;
        int open = -1;
        for (MessagesStreamEncoder.Event event : events.subList(2, events.size() - 2)) {
            JsonNode data = event.data();
            assertEquals(event.name(), data.path("type").asText());
            switch (event.name()) {
                case "content_block_start" -> {
                    assertEquals(-1, open, "blocks do not interleave");
                    open = data.path("index").asInt();
                    assertEquals(content.size(), open, "blocks are numbered in order");
                    content.add(data.get("content_block").deepCopy());
                    json = new StringBuilder();
                }
                case "content_block_delta" -> {
                    assertEquals(open, data.path("index").asInt());
                    ObjectNode block = (ObjectNode) content.get(open);
                    JsonNode delta = data.get("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> block.put("text", block.path("text").asText() + delta.path("text").asText());
                        case "thinking_delta" -> block.put("thinking",
                                block.path("thinking").asText() + delta.path("thinking").asText());
                        case "signature_delta" -> {
                            assertEquals("thinking", block.path("type").asText());
                            block.put("signature", block.path("signature").asText() + delta.path("signature").asText());
                        }
                        case "input_json_delta" -> json.append(delta.path("partial_json").asText());
                        default -> throw new AssertionError("unexpected delta " + delta);
                    }
                }
                case "content_block_stop" -> {
                    assertEquals(open, data.path("index").asInt());
                    ObjectNode block = (ObjectNode) content.get(open);
                    if (block.path("type").asText().equals("tool_use") && !json.isEmpty()) {
                        block.set("input", Json.parseUpstream(json.toString(), "test"));
                    }
                    open = -1;
                }
                default -> throw new AssertionError("unexpected event " + event.name());
            }
        }
        assertEquals(-1, open, "every block is stopped");
        JsonNode delta = events.get(events.size() - 2).data();
        message.set("stop_reason", delta.path("delta").get("stop_reason"));
        message.set("usage", delta.get("usage"));
        assertTrue(message.path("content").isArray());
        return message;
    }
}
