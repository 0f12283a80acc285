package dev.gatehouse.provider.anthropic;

import static dev.gatehouse.provider.anthropic.AnthropicRequestMapperTest.DROPPING;
import static dev.gatehouse.provider.anthropic.AnthropicRequestMapperTest.STRICT;
import static dev.gatehouse.provider.anthropic.AnthropicRequestMapperTest.WEATHER;
import static dev.gatehouse.provider.anthropic.AnthropicRequestMapperTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages → Anthropic's system and turns, through {@link AnthropicRequestMapper#toAnthropic}. */
class AnthropicMessageMapperTest {

    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private static ObjectNode map(Deployment deployment, Message... messages) {
        return AnthropicRequestMapper.toAnthropic(
                ChatRequest.builder("claude-sonnet-4-5").messages(List.of(messages)).tools(List.of(WEATHER)).build(),
                deployment);
    }

    private static ObjectNode map(Message... messages) {
        return map(STRICT, messages);
    }

    private static GatewayException.BadRequest refused(Message... messages) {
        return assertThrows(GatewayException.BadRequest.class, () -> map(messages));
    }

    private static Message.Assistant calls(ToolCall... calls) {
        return new Message.Assistant(null, List.of(calls), null, null, null);
    }

    @Test
    void oneSystemMessageIsTheSystemString() {
        ObjectNode body = map(new Message.System("You are terse.", null), Message.User.of("Hi"));
        assertEquals("You are terse.", body.get("system").asText());
        assertEquals(1, body.get("messages").size(), "no system role among the messages");
    }

    @Test
    void systemAndDeveloperMessagesMergeIntoSystemBlocksInOrder() {
        ObjectNode body = map(new Message.System("You are terse.", null), new Message.Developer("Answer in French.", null),
                Message.User.of("Hi"), new Message.System("Never use emoji.", null), Message.Assistant.of("Salut."),
                Message.User.of("Ça va ?"));
        assertEquals(json("""
                [{"type": "text", "text": "You are terse."}, {"type": "text", "text": "Answer in French."},
                 {"type": "text", "text": "Never use emoji."}]
                """), body.get("system"));
        assertEquals(3, body.get("messages").size());
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() {
        ObjectNode body = map(Message.User.of("Hello."), Message.User.of("Are you there?"),
                Message.Assistant.of("Yes."), Message.Assistant.of("How can I help?"), Message.User.of("Thanks."));
        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "Hello."}, {"type": "text", "text": "Are you there?"}]},
                 {"role": "assistant", "content": [{"type": "text", "text": "Yes."}, {"type": "text", "text": "How can I help?"}]},
                 {"role": "user", "content": [{"type": "text", "text": "Thanks."}]}]
                """), body.get("messages"));
    }

    @Test
    @DisplayName("tool round trip (docs: agents-and-tools/tool-use/handle-tool-calls)")
    void toolRoundTrip() {
        ObjectNode body = map(Message.User.of("What's the weather in San Francisco?"),
                new Message.Assistant("Let me check.", List.of(new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather",
                        "{\"location\": \"San Francisco, CA\"}")), null, "I should call the tool.", null),
                new Message.Tool("toolu_01A09q90qw90lq917835lq9", "15 degrees"),
                Message.User.of("And tomorrow?"));
        assertEquals(json("""
                [{"role": "user", "content": [{"type": "text", "text": "What's the weather in San Francisco?"}]},
                 {"role": "assistant", "content": [
                   {"type": "text", "text": "Let me check."},
                   {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                    "input": {"location": "San Francisco, CA"}}]},
                 {"role": "user", "content": [
                   {"type": "tool_result", "tool_use_id": "toolu_01A09q90qw90lq917835lq9", "content": "15 degrees"},
                   {"type": "text", "text": "And tomorrow?"}]}]
                """), body.get("messages"), "reasoning_content is not sent back; tool results merge with the user turn");
    }

    @Test
    void toolResultsComeBeforeUserTextWhateverTheOrder() {
        ObjectNode body = map(Message.User.of("Weather in Oslo and Paris?"),
                calls(new ToolCall("t1", "get_weather", "{\"location\":\"Oslo\"}"),
                        new ToolCall("t2", "get_weather", "{\"location\":\"Paris\"}")),
                new Message.Tool("t1", "3 degrees"), Message.User.of("(take your time)"), new Message.Tool("t2", ""));
        assertEquals(json("""
                [{"type": "tool_result", "tool_use_id": "t1", "content": "3 degrees"},
                 {"type": "tool_result", "tool_use_id": "t2"},
                 {"type": "text", "text": "(take your time)"}]
                """), body.get("messages").get(2).get("content"));
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreRefused() {
        assertEquals("messages[1].tool_calls[0].function.arguments",
                refused(Message.User.of("Hi"), calls(new ToolCall("t1", "get_weather", "{\"location\":")),
                        new Message.Tool("t1", "x")).param());
        assertEquals("messages[1].tool_calls[0].function.arguments",
                refused(Message.User.of("Hi"), calls(new ToolCall("t1", "get_weather", "[1,2]")),
                        new Message.Tool("t1", "x")).param());
    }

    @Test
    void emptyArgumentsAreAnEmptyInput() {
        ObjectNode body = map(Message.User.of("Hi"), calls(new ToolCall("t1", "get_weather", "")), new Message.Tool("t1", "x"));
        assertEquals(json("{}"), body.get("messages").get(1).get("content").get(0).get("input"));
    }

    @Test
    void aToolResultMustAnswerTheAssistantTurnRightBeforeIt() {
        GatewayException.BadRequest error = refused(Message.User.of("Hi"), Message.Assistant.of("Hello."),
                new Message.Tool("call_9", "18"));
        assertEquals("messages[2]", error.param());
        assertTrue(error.getMessage().contains("call_9"), error.getMessage());
        assertEquals("messages[0]", refused(new Message.Tool("call_1", "18")).param());
    }

    @Test
    void aToolCallMustBeAnsweredBeforeTheConversationGoesOn() {
        GatewayException.BadRequest error = refused(Message.User.of("Hi"),
                calls(new ToolCall("t1", "get_weather", "{}"), new ToolCall("t2", "get_weather", "{}")),
                new Message.Tool("t1", "3 degrees"), Message.Assistant.of("Done."));
        assertEquals("messages[1]", error.param());
        assertTrue(error.getMessage().contains("t2"), error.getMessage());
    }

    @Test
    void aTrailingToolCallNeedsNoAnswerYet() {
        ObjectNode body = map(Message.User.of("Hi"), calls(new ToolCall("t1", "get_weather", "{}")));
        assertEquals("tool_use", body.get("messages").get(1).get("content").get(0).get("type").asText());
    }

    @Test
    void conversationsAnthropicWouldRefuseAreRefusedNamingTheMessage() {
        assertEquals("messages", refused(new Message.System("Only a system prompt.", null)).param());
        assertEquals("messages[1]", refused(Message.User.of("Hi"), Message.Assistant.of(""), Message.User.of("?")).param());
        assertEquals("messages[1].tool_calls[1].id", refused(Message.User.of("Hi"),
                calls(new ToolCall("t1", "get_weather", "{}"), new ToolCall("t1", "get_weather", "{}"))).param());
    }

    @Test
    void aRefusalIsSentAsTheAssistantsText() {
        ObjectNode body = map(Message.User.of("Hi"), new Message.Assistant(null, List.of(), "I can't help with that.", null, null),
                Message.User.of("Why?"));
        assertEquals(json("[{\"type\":\"text\",\"text\":\"I can't help with that.\"}]"),
                body.get("messages").get(1).get("content"));
    }

    @Test
    @DisplayName("base64 images (docs: build-with-claude/vision)")
    void base64Image() {
        ObjectNode body = map(new Message.User(List.of(new ContentPart.Image("data:image/png;base64," + PNG, "auto"),
                new ContentPart.Text("Describe this image.")), null));
        assertEquals(json("""
                [{"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "%s"}},
                 {"type": "text", "text": "Describe this image."}]
                """.formatted(PNG)), body.get("messages").get(0).get("content"));
    }

    @Test
    void jpgIsJpeg() {
        ObjectNode body = map(new Message.User(List.of(new ContentPart.Image("data:image/jpg;base64,/9j/4AAQ", null)), null));
        assertEquals("image/jpeg", body.at("/messages/0/content/0/source/media_type").asText());
    }

    @Test
    @DisplayName("an image URL is Anthropic's url source (docs: build-with-claude/vision)")
    void imageUrl() {
        ObjectNode body = map(new Message.User(List.of(new ContentPart.Image(
                "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", null)), null));
        assertEquals(json("""
                {"type": "url", "url": "https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"}
                """), body.at("/messages/0/content/0/source"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data:image/bmp;base64,Qk0=", "data:image/svg+xml;base64,PHN2Zz4=", "data:application/pdf;base64,JVBERi0=",
        "data:image/png,not-base64", "ftp://example.com/cat.png", "file:///etc/passwd"})
    void imagesAnthropicCanNotTakeAreRefused(String url) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> map(DROPPING,
                new Message.User(List.of(new ContentPart.Text("What is this?"), new ContentPart.Image(url, null)), null)));
        assertEquals("messages[0].content[1]", error.param(), "refused even when dropping: the image would vanish");
    }

    @Test
    void imageDetailIsRefusedOrDropped() {
        Message.User user = new Message.User(List.of(new ContentPart.Image("data:image/png;base64," + PNG, "high")), null);
        assertEquals("messages[0].content[0].image_url.detail",
                assertThrows(GatewayException.BadRequest.class, () -> map(user)).param());
        assertEquals("base64", map(DROPPING, user).at("/messages/0/content/0/source/type").asText());
    }

    @Test
    void participantNamesAreRefusedOrDropped() {
        Message.User named = new Message.User(List.of(new ContentPart.Text("Hi")), "alice");
        assertEquals("messages[1].name", assertThrows(GatewayException.BadRequest.class,
                () -> map(new Message.System("Be kind.", null), named)).param());
        assertEquals("messages[0].name", assertThrows(GatewayException.BadRequest.class,
                () -> map(new Message.Developer("Be kind.", "ops"), Message.User.of("Hi"))).param());
        assertEquals(json("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]"),
                map(DROPPING, named).get("messages"));
    }
}
