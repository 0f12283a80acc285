package dev.gatehouse.server.guardrail.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The webhook's JSON: the call as documented, and every answer that is not exactly the agreed shape read as a failure. */
class WebhookJsonTest {

    private static final WebhookCall CALL = new WebhookCall(WebhookStage.INPUT, "gpt-4o", "key_1", null, "req_1",
            List.of(new WebhookText("messages[0].content", "hello"), new WebhookText("messages[1].content", "world")));

    @Test
    void writesTheCallAsDocumented() throws Exception {
        JsonNode body = Json.mapper().readTree(WebhookJson.write(CALL));
        assertEquals("{\"stage\":\"input\",\"model\":\"gpt-4o\",\"key_id\":\"key_1\",\"team_id\":null,"
                + "\"request_id\":\"req_1\",\"texts\":[{\"path\":\"messages[0].content\",\"text\":\"hello\"},"
                + "{\"path\":\"messages[1].content\",\"text\":\"world\"}]}", body.toString());
        WebhookCall output = new WebhookCall(WebhookStage.OUTPUT, "m", "k", "team_9", "r", List.of());
        JsonNode second = Json.mapper().readTree(WebhookJson.write(output));
        assertEquals("output", second.get("stage").asText());
        assertEquals("team_9", second.get("team_id").asText());
    }

    @Test
    void readsAllowBlockAndModify() {
        assertEquals(new Outcome.Allow(), read("{\"action\":\"allow\"}"));
        assertEquals(new Outcome.Block("prompt injection"), read("{\"action\":\"block\",\"reason\":\"prompt injection\"}"));
        assertEquals(new Outcome.Block("blocked by the guardrail service"), read("{\"action\":\"block\"}"));
        assertEquals(new Outcome.Modify(List.of(new WebhookText("messages[1].content", "w***d"))),
                read("{\"action\":\"modify\",\"texts\":[{\"path\":\"messages[1].content\",\"text\":\"w***d\"}]}"));
    }

    @Test
    void aModifyReplacesTheTextsItNamesAndKeepsTheOthersInOrder() {
        Outcome.Modify modify = (Outcome.Modify) read(
                "{\"action\":\"modify\",\"texts\":[{\"path\":\"messages[1].content\",\"text\":\"w***d\"}]}");
        assertEquals(List.of(new WebhookText("messages[0].content", "hello"), new WebhookText("messages[1].content", "w***d")),
                modify.applyTo(CALL.texts()));
    }

    @Test
    void cutsAVeryLongReason() {
        Outcome outcome = read("{\"action\":\"block\",\"reason\":\"" + "x".repeat(5000) + "\"}");
        assertEquals(WebhookJson.MAX_REASON_LENGTH, ((Outcome.Block) outcome).reason().length());
    }

    @Test
    void everythingElseIsAFailureNeverAnAllow() {
        for (String garbage : List.of(
                "", "not json", "[]", "null", "\"allow\"", "{}", "{\"action\":true}", "{\"action\":\"ALLOW\"}",
                "{\"action\":\"pass\"}", "{\"action\":\"block\",\"reason\":42}",
                "{\"action\":\"modify\"}", "{\"action\":\"modify\",\"texts\":{}}",
                "{\"action\":\"modify\",\"texts\":[{\"path\":\"messages[9].content\",\"text\":\"x\"}]}",
                "{\"action\":\"modify\",\"texts\":[{\"path\":\"messages[0].content\",\"text\":1}]}",
                "{\"action\":\"modify\",\"texts\":[{\"path\":\"messages[0].content\",\"text\":\"a\"},"
                        + "{\"path\":\"messages[0].content\",\"text\":\"b\"}]}",
                "[".repeat(100) + "]".repeat(100))) {
            Outcome outcome = read(garbage);
            assertInstanceOf(Outcome.Failed.class, outcome, garbage);
            assertTrue(!((Outcome.Failed) outcome).why().contains("hello"), "a failure never repeats a text");
        }
    }

    private static Outcome read(String answer) {
        return WebhookJson.read(answer.getBytes(StandardCharsets.UTF_8), CALL);
    }
}
