package dev.gatehouse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningSignatureTest {

    private final List<ReasoningSignature.Block> blocks = List.of(
            new ReasoningSignature.Thinking("First, ", "c2lnLzE+Pz8="),
            new ReasoningSignature.Redacted("EmwKAhgBEgy3va3pzix/LafPsn4a"),
            new ReasoningSignature.Thinking("then 🙂 more;.", "sig;with.odd:chars"));

    @Test
    void blocksComeBackFromTheJoinedTextAndTheSignature() {
        String signature = ReasoningSignature.encode(blocks);
        assertEquals(blocks, ReasoningSignature.decode("First, then 🙂 more;.", signature));
    }

    @Test
    void theSignatureOfAStreamIsItsPiecesJoined() {
        String joined = blocks.stream().map(ReasoningSignature::segment).reduce("", String::concat);
        assertEquals(ReasoningSignature.encode(blocks), joined);
    }

    @Test
    void noBlocksIsNoSignature() {
        assertNull(ReasoningSignature.encode(List.of()));
        assertEquals(List.of(), ReasoningSignature.decode(null, ""));
    }

    @Test
    void aChangedTextOrAMalformedSignatureIsRefused() {
        String signature = ReasoningSignature.encode(blocks);
        assertThrows(IllegalArgumentException.class, () -> ReasoningSignature.decode("First, then more", signature));
        assertThrows(IllegalArgumentException.class, () -> ReasoningSignature.decode("First, then 🙂 more;. and more", signature));
        assertThrows(IllegalArgumentException.class, () -> ReasoningSignature.decode("x", "t1.***;"));
        assertThrows(IllegalArgumentException.class, () -> ReasoningSignature.decode("x", "q1.YQ;"));
        assertThrows(IllegalArgumentException.class, () -> ReasoningSignature.decode("x", "t1.YQ"));
    }
}
