package dev.gatehouse.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.Message;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chat front door shows the reasoning signature as the extension reasoning_signature and takes it back. */
class ReasoningSignatureJsonTest {

    @Test
    void theAnswerShowsItAndTheNextRequestTakesItBack() {
        Message.Assistant said = new Message.Assistant(null, List.of(new dev.gatehouse.api.ToolCall("t1", "f", "{}")),
                null, "Thinking.", null, "t9.c2ln;");
        ObjectNode answer = ChatResponseJson.write(new ChatResponse("c1", 0, "m",
                List.of(new ChatResponse.Choice(0, said, FinishReason.TOOL_CALLS)), null, null));
        JsonNode message = answer.path("choices").path(0).path("message");
        assertEquals("t9.c2ln;", message.path("reasoning_signature").asText());
        assertEquals(said, ChatResponseJson.read(answer, "test").choices().getFirst().message());

        ObjectNode body = Json.object().put("model", "m");
        body.putArray("messages").add(Json.object().put("role", "user").put("content", "Hi")).add(message)
                .add(Json.object().put("role", "tool").put("tool_call_id", "t1").put("content", "ok"));
        ChatRequest next = ChatRequestJson.read(body);
        assertEquals("t9.c2ln;", ((Message.Assistant) next.messages().get(1)).reasoningSignature());
        assertFalse(ChatRequestJson.write(next).path("messages").path(1).has("reasoning_signature"),
                "OpenAI-format upstreams do not receive it");
    }

    @Test
    void aStreamShowsItsPieces() {
        ChatChunk chunk = new ChatChunk("c1", 0, "m", List.of(new ChatChunk.Choice(0, ChatChunk.Delta.signature("t9.c2ln;"), null)), null);
        ObjectNode json = ChatChunkJson.write(chunk);
        assertEquals("t9.c2ln;", json.path("choices").path(0).path("delta").path("reasoning_signature").asText());
        assertEquals(chunk, ChatChunkJson.read(json));
    }
}
