package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Only answers that ended normally are cached: never a cut, filtered, paused or failed one. */
class NormalEndTest {

    private static JsonNode json(String text) {
        try {
            return Json.readRequest(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String chat(String... reasons) {
        StringBuilder choices = new StringBuilder();
        for (int i = 0; i < reasons.length; i++) {
            choices.append(i == 0 ? "" : ",").append("{\"index\":").append(i)
                    .append(",\"message\":{\"role\":\"assistant\",\"content\":\"x\"},\"finish_reason\":\"")
                    .append(reasons[i]).append("\"}");
        }
        return "{\"object\":\"chat.completion\",\"choices\":[" + choices + "]}";
    }

    @Test
    void chatEndsNormallyWhenEveryChoiceStoppedOrCalledTools() {
        assertTrue(NormalEnd.of("chat_completions", json(chat("stop"))));
        assertTrue(NormalEnd.of("chat_completions", json(chat("tool_calls", "stop"))));
        assertFalse(NormalEnd.of("chat_completions", json(chat("length"))), "cut by max_tokens");
        assertFalse(NormalEnd.of("chat_completions", json(chat("stop", "content_filter"))), "one choice filtered");
        assertFalse(NormalEnd.of("chat_completions", json("{\"choices\":[]}")));
        assertFalse(NormalEnd.of("chat_completions", json("{\"choices\":[{\"finish_reason\":null}]}")));
    }

    @Test
    void legacyCompletionsOnlyOnStop() {
        assertTrue(NormalEnd.of("completions", json(chat("stop"))));
        assertFalse(NormalEnd.of("completions", json(chat("length"))));
    }

    @Test
    void messagesEndNormallyOnEndTurnStopSequenceOrToolUse() {
        assertTrue(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"end_turn\"}")));
        assertTrue(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"tool_use\"}")));
        assertTrue(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"stop_sequence\"}")));
        assertFalse(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"max_tokens\"}")));
        assertFalse(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"refusal\"}")));
        assertFalse(NormalEnd.of("messages", json("{\"type\":\"message\",\"stop_reason\":\"pause_turn\"}")));
    }

    @Test
    void responsesOnlyWhenCompleted() {
        assertTrue(NormalEnd.of("responses", json("{\"object\":\"response\",\"status\":\"completed\"}")));
        assertTrue(NormalEnd.of("responses", json("{\"object\":\"response\",\"status\":\"completed\","
                + "\"error\":null}")), "a Response says error: null when it has none");
        assertFalse(NormalEnd.of("responses", json("{\"object\":\"response\",\"status\":\"incomplete\","
                + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"}}")));
        assertFalse(NormalEnd.of("responses", json("{\"object\":\"response\",\"status\":\"failed\"}")));
    }

    @Test
    void embeddingsWithVectorsErrorsAndOtherRoutes() {
        assertTrue(NormalEnd.of("embeddings", json("{\"object\":\"list\",\"data\":[{\"index\":0,\"embedding\":[0.1]}]}")));
        assertFalse(NormalEnd.of("embeddings", json("{\"object\":\"list\",\"data\":[]}")));
        assertFalse(NormalEnd.of("chat_completions", json("{\"error\":{\"message\":\"x\"},\"choices\":[]}")));
        assertFalse(NormalEnd.of("images_generations", json("{\"data\":[{\"url\":\"u\"}]}")), "not a cached route");
        assertFalse(NormalEnd.of("chat_completions", null));
    }
}
