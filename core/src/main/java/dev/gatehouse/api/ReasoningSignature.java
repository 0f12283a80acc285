package dev.gatehouse.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The value of a reasoning signature ({@link Message.Assistant#reasoningSignature()}): the
 * reasoning blocks of one answer, as the provider issued them, so that they can be sent back
 * exactly on the next turn. Anthropic (and Claude on Bedrock) answer with several
 * {@code thinking} blocks, each with its own signature, and {@code redacted_thinking} blocks
 * whose content is encrypted; with thinking on, the next turn must carry them back unchanged
 * before its tool calls (docs/agents.md, "Reasoning on every provider").
 *
 * <p>The reasoning text stays in {@code reasoningContent} (all thinking blocks joined, in
 * order); the signature records, per block, what the text does not: a thinking block's length
 * in that text (in UTF-16 units, as Java counts) and its signature, or a redacted block's data.
 * Each block is one self-delimited segment, {@code t<length>.<base64url signature>;} or
 * {@code r.<base64url data>;}, so a stream can send one segment per block as it ends and the
 * joined pieces are the whole value. Callers treat the value as opaque.
 */
public final class ReasoningSignature {

    /** One reasoning block of an answer. */
    public sealed interface Block {}

    /** A readable thinking block: its text and the provider's signature of it (may be empty). */
    public record Thinking(String text, String signature) implements Block {
        public Thinking {
            text = text == null ? "" : text;
            signature = signature == null ? "" : signature;
        }
    }

    /** A block of reasoning the provider encrypted: only its opaque data. */
    public record Redacted(String data) implements Block {
        public Redacted {
            data = data == null ? "" : data;
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private ReasoningSignature() {}

    /** The signature of these blocks; null when there are none (no signature at all). */
    public static String encode(List<? extends Block> blocks) {
        if (blocks.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        blocks.forEach(block -> out.append(segment(block)));
        return out.toString();
    }

    /** The piece of the signature that stands for one block. */
    public static String segment(Block block) {
        return switch (block) {
            case Thinking thinking -> "t" + thinking.text().length() + "." + base64(thinking.signature()) + ";";
            case Redacted redacted -> "r." + base64(redacted.data()) + ";";
        };
    }

    /**
     * The blocks again, from an assistant message's reasoning text and its signature: each
     * thinking block takes its length of the text, in order.
     *
     * @throws IllegalArgumentException when the signature is malformed or does not match the text
     *     (the text was changed, or belongs to another answer)
     */
    public static List<Block> decode(String reasoningContent, String signature) {
        String text = reasoningContent == null ? "" : reasoningContent;
        List<Block> blocks = new ArrayList<>();
        int textAt = 0;
        int at = 0;
        while (at < signature.length()) {
            int end = signature.indexOf(';', at);
            int dot = signature.indexOf('.', at);
            if (end < 0 || dot < 0 || dot > end) {
                throw new IllegalArgumentException("the reasoning signature is malformed");
            }
            String head = signature.substring(at, dot);
            String payload = unbase64(signature.substring(dot + 1, end));
            if (head.equals("r")) {
                blocks.add(new Redacted(payload));
            } else if (head.length() > 1 && head.charAt(0) == 't') {
                int length = length(head.substring(1));
                if (length > text.length() - textAt) {
                    throw new IllegalArgumentException("the reasoning text is shorter than its signature says");
                }
                blocks.add(new Thinking(text.substring(textAt, textAt + length), payload));
                textAt += length;
            } else {
                throw new IllegalArgumentException("the reasoning signature is malformed");
            }
            at = end + 1;
        }
        if (textAt != text.length()) {
            throw new IllegalArgumentException("the reasoning text does not match its signature");
        }
        return List.copyOf(blocks);
    }

    private static int length(String digits) {
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("the reasoning signature is malformed");
        }
        return Integer.parseInt(digits);
    }

    private static String base64(String value) {
        return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String value) {
        try {
            return new String(DECODER.decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the reasoning signature is malformed", e);
        }
    }
}
