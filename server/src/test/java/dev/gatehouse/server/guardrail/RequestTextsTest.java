package dev.gatehouse.server.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which texts of a body guardrails see, their paths, and replacing them in place. */
class RequestTextsTest {

    private static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    @Test
    void aChatRequestsTextsAreItsMessagesToolsAndArgumentsNotItsStructure() {
        JsonNode body = json("""
                {"model": "gpt-4o", "user": "u-1", "messages": [
                  {"role": "system", "content": "be brief"},
                  {"role": "user", "content": [{"type": "text", "text": "look at this"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png?sig=abc"}}]},
                  {"role": "assistant", "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "lookup", "arguments": "{\\"q\\": \\"x\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "found it"}],
                 "tools": [{"type": "function", "function": {"name": "lookup", "description": "looks up"}}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {}}},
                 "stop": ["END"], "metadata": {"ticket": "T-42"}}
                """);
        assertEquals(List.of("messages[0].content", "messages[1].content[0].text",
                "messages[1].content[2].image_url.url", "messages[2].tool_calls[0].function.arguments",
                "messages[3].content", "tools[0].function.description", "stop[0]", "metadata.ticket"),
                RequestTexts.of(body).stream().map(RequestTexts.Text::path).toList());
    }

    @Test
    void anthropicsBase64SourcesAndEmbeddingsTokenIdsAreNotText() {
        JsonNode messages = json("""
                {"model": "claude", "system": [{"type": "text", "text": "rules"}], "messages": [
                  {"role": "user", "content": [{"type": "image", "source": {"type": "base64",
                    "media_type": "image/png", "data": "iVBORw0KGgoAAAANSUhEUgAA"}},
                    {"type": "text", "text": "what is it?"}]}]}
                """);
        assertEquals(List.of("system[0].text", "messages[0].content[1].text"),
                RequestTexts.of(messages).stream().map(RequestTexts.Text::path).toList());
        assertEquals(List.of("input[0]", "input[1]"), RequestTexts.of(json(
                "{\"model\": \"e\", \"input\": [\"one\", \"two\"], \"encoding_format\": \"float\"}")).stream()
                .map(RequestTexts.Text::path).toList());
        assertEquals(List.of(), RequestTexts.of(json("{\"model\": \"e\", \"input\": [[1, 2, 3]]}")));
    }

    @Test
    void textsAreReplacedInPlaceByPathAndNeverInAStructuralField() {
        JsonNode body = json("{\"model\": \"m\", \"messages\": [{\"role\": \"user\", \"content\": \"key sk-x\"}]}");
        RequestTexts.replace(body, Map.of("messages[0].content", "key [REDACTED:openai_api_key]"));
        assertEquals("key [REDACTED:openai_api_key]", body.path("messages").get(0).path("content").asText());
        assertThrows(IllegalArgumentException.class, () -> RequestTexts.replace(body, Map.of("model", "other")));
        assertThrows(IllegalArgumentException.class, () -> RequestTexts.replace(body,
                Map.of("messages[0].role", "system")));
        assertEquals("m", body.path("model").asText());
        RequestTexts.replaceAll(body, text -> text.toUpperCase(java.util.Locale.ROOT));
        assertEquals("KEY [REDACTED:OPENAI_API_KEY]", body.path("messages").get(0).path("content").asText());
        assertEquals("user", body.path("messages").get(0).path("role").asText());
    }

    @Test
    void aTextsDescriptionNeverHoldsTheText() {
        RequestTexts.Text text = new RequestTexts.Text("messages[0].content", "sk-secret-value");
        assertFalse(text.toString().contains("sk-secret"));
    }
}
