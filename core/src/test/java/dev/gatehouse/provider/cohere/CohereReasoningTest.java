package dev.gatehouse.provider.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/** reasoning_effort as Cohere's thinking, on its reasoning models only. */
class CohereReasoningTest {

    private static final Deployment STRICT = Deployment.builder("m", "cohere").build();
    private static final String REASONING = "command-a-reasoning-08-2025";

    private static JsonNode body(String model, String effort) {
        return CohereRequestMapper.toCohere(ChatRequest.builder(model).messages(List.of(Message.User.of("Hi")))
                .extension("reasoning_effort", TextNode.valueOf(effort)).build(), STRICT);
    }

    @Test
    void aReasoningModelGetsThinking() {
        assertEquals("enabled", body(REASONING, "low").path("thinking").path("type").asText());
        assertEquals(1024, body(REASONING, "low").path("thinking").path("token_budget").asInt());
        assertEquals(4096, body(REASONING, "medium").path("thinking").path("token_budget").asInt());
        assertFalse(body(REASONING, "high").path("thinking").has("token_budget"));
        assertEquals("disabled", body(REASONING, "none").path("thinking").path("type").asText());
        assertEquals("disabled", body(REASONING, "minimal").path("thinking").path("type").asText());
    }

    @Test
    void anotherModelRefusesAnEffortByName() {
        assertEquals("reasoning_effort", assertThrows(GatewayException.BadRequest.class,
                () -> body("command-a-03-2025", "high")).param());
        assertFalse(body("command-a-03-2025", "none").has("thinking"));
    }
}
