package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Messages, images, tool calls and generation parameters, OpenAI → Gemini. */
class GeminiRequestMapperTest {

    static final Deployment STRICT = Deployment.builder("chat", "gemini").upstreamModel("gemini-2.5-flash").build();
    static final Deployment DROPPING = Deployment.builder("chat", "gemini").upstreamModel("gemini-2.5-flash")
            .dropParams(true).build();

    static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    static ChatRequest.Builder request(Message... messages) {
        return ChatRequest.builder("gemini-2.5-flash").messages(List.of(messages));
    }

    static ObjectNode map(ChatRequest request) {
        return GeminiRequestMapper.toGemini(request, STRICT);
    }

    @Test
    @DisplayName("system and developer messages become systemInstruction "
            + "(https://ai.google.dev/gemini-api/docs/text-generation#system-instructions)")
    void systemInstruction() {
        ObjectNode body = map(request(
                new Message.System("You are a cat. Your name is Neko.", null),
                new Message.Developer("Answer in one sentence.", null),
                Message.User.of("Hello there")).build());
        assertEquals(json("""
                {"systemInstruction":{"parts":[{"text":"You are a cat. Your name is Neko."},
                                               {"text":"Answer in one sentence."}]},
                 "contents":[{"role":"user","parts":[{"text":"Hello there"}]}]}"""), body);
    }

    @Test
    @DisplayName("a conversation keeps user/model turns "
            + "(https://ai.google.dev/gemini-api/docs/text-generation#multi-turn-conversations)")
    void multiTurn() {
        ObjectNode body = map(request(
                Message.User.of("Hello"),
                Message.Assistant.of("Great to meet you. What would you like to know?"),
                Message.User.of("I have two dogs in my house. How many paws are in my house?")).build());
        assertEquals(json("""
                {"contents":[
                  {"role":"user","parts":[{"text":"Hello"}]},
                  {"role":"model","parts":[{"text":"Great to meet you. What would you like to know?"}]},
                  {"role":"user","parts":[{"text":"I have two dogs in my house. How many paws are in my house?"}]}]}"""),
                body);
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() {
        ObjectNode body = map(request(
                Message.User.of("one"), Message.User.of("two"),
                Message.Assistant.of("three"), Message.Assistant.of("four"),
                Message.User.of("five")).build());
        assertEquals(json("""
                [{"role":"user","parts":[{"text":"one"},{"text":"two"}]},
                 {"role":"model","parts":[{"text":"three"},{"text":"four"}]},
                 {"role":"user","parts":[{"text":"five"}]}]"""), body.get("contents"));
    }

    @Test
    @DisplayName("a base64 data URL becomes inlineData (https://ai.google.dev/gemini-api/docs/image-understanding)")
    void inlineData() {
        ObjectNode body = map(request(new Message.User(List.of(
                new ContentPart.Text("Caption this image."),
                new ContentPart.Image("data:image/jpeg;base64,/9j/4AAQSkZJRg==", "auto")), null)).build());
        assertEquals(json("""
                [{"role":"user","parts":[{"text":"Caption this image."},
                  {"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQSkZJRg=="}}]}]"""), body.get("contents"));
    }

    @Test
    @DisplayName("a public https image URL becomes fileData, which Gemini fetches itself "
            + "(https://ai.google.dev/gemini-api/docs/file-input-methods)")
    void httpsImageBecomesFileData() {
        ObjectNode body = map(request(new Message.User(List.of(
                new ContentPart.Image("https://example.com/photos/cat.PNG?size=large", null),
                new ContentPart.Image("https://example.com/render?id=7", null)), null)).build());
        assertEquals(json("""
                [{"fileData":{"fileUri":"https://example.com/photos/cat.PNG?size=large","mimeType":"image/png"}},
                 {"fileData":{"fileUri":"https://example.com/render?id=7"}}]"""),
                body.get("contents").get(0).get("parts"));
    }

    @Test
    void otherImageUrlsAreRefused() {
        for (String url : List.of("http://example.com/cat.png", "file:///etc/passwd", "data:image/svg+xml,<svg/>")) {
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> map(request(
                    new Message.User(List.of(new ContentPart.Text("What is it?"), new ContentPart.Image(url, null)),
                            null)).build()), url);
            assertEquals("messages[0].content[1].image_url", error.param(), url);
        }
    }

    @Test
    void imageDetailIsRefusedOrDropped() {
        ChatRequest request = request(new Message.User(List.of(
                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", "high")), null)).build();
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> map(request));
        assertEquals("messages[0].content[0].image_url.detail", error.param());
        ObjectNode dropped = GeminiRequestMapper.toGemini(request, DROPPING);
        assertEquals(json("{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}"),
                dropped.at("/contents/0/parts/0/inlineData"));
    }

    @Test
    @DisplayName("assistant tool calls and tool results become functionCall and functionResponse parts "
            + "(https://ai.google.dev/gemini-api/docs/function-calling)")
    void toolRoundTrip() {
        ObjectNode body = map(request(
                Message.User.of("Which theaters in Mountain View show Barbie movie?"),
                new Message.Assistant(null, List.of(new ToolCall("call_1", "find_theaters",
                        "{\"location\":\"Mountain View, CA\",\"movie\":\"Barbie\"}")), null, null, null),
                new Message.Tool("call_1", "{\"movie\":\"Barbie\",\"theaters\":[{\"name\":\"AMC Mountain View 16\"}]}"))
                .build());
        assertEquals(json("""
                [{"role":"user","parts":[{"text":"Which theaters in Mountain View show Barbie movie?"}]},
                 {"role":"model","parts":[{"functionCall":{"name":"find_theaters",
                     "args":{"location":"Mountain View, CA","movie":"Barbie"}}}]},
                 {"role":"user","parts":[{"functionResponse":{"name":"find_theaters",
                     "response":{"movie":"Barbie","theaters":[{"name":"AMC Mountain View 16"}]}}}]}]"""),
                body.get("contents"));
    }

    @Test
    void parallelResultsShareOneTurnAndNonObjectsAreWrapped() {
        ObjectNode body = map(request(
                Message.User.of("Weather and time in Oslo?"),
                new Message.Assistant("Checking.", List.of(
                        new ToolCall("a", "get_weather", "{\"city\":\"Oslo\"}"),
                        new ToolCall("b", "get_time", "")), null, null, null),
                new Message.Tool("a", "18"),
                new Message.Tool("b", "half past ten")).build());
        assertEquals(json("""
                [{"role":"user","parts":[{"text":"Weather and time in Oslo?"}]},
                 {"role":"model","parts":[{"text":"Checking."},
                   {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}},
                   {"functionCall":{"name":"get_time","args":{}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_weather","response":{"output":18}}},
                   {"functionResponse":{"name":"get_time","response":{"output":"half past ten"}}}]}]"""),
                body.get("contents"));
    }

    @Test
    void invalidToolArgumentsAreRefusedNamingTheParameter() {
        for (String arguments : List.of("{\"city\":", "[1,2]", "{\"a\":1} trailing")) {
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> map(request(
                    Message.User.of("Hi"),
                    new Message.Assistant(null, List.of(new ToolCall("c", "f", arguments)), null, null, null),
                    new Message.Tool("c", "ok")).build()), arguments);
            assertEquals("messages[1].tool_calls[0].function.arguments", error.param(), arguments);
        }
    }

    @Test
    void aToolResultForAnUnknownCallIsRefused() {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> map(request(
                Message.User.of("Hi"), new Message.Tool("nope", "ok")).build()));
        assertEquals("messages[1].tool_call_id", error.param());
    }

    @Test
    @DisplayName("a thought signature carried in the call id goes back on the functionCall part "
            + "(https://ai.google.dev/gemini-api/docs/thought-signatures)")
    void thoughtSignatureGoesBack() {
        String id = GeminiToolCallIds.of("resp", 0, 0, json("{\"name\":\"f\",\"args\":{}}"), "c2lnbmF0dXJlLWJ5dGVz+/8=");
        ObjectNode body = map(request(Message.User.of("Hi"),
                new Message.Assistant(null, List.of(new ToolCall(id, "f", "{}")), null, null, null),
                new Message.Tool(id, "{}")).build());
        assertEquals("c2lnbmF0dXJlLWJ5dGVz+/8=", body.at("/contents/1/parts/0/thoughtSignature").asText());
    }

    @Test
    void reasoningIsNotSentBackAndEmptyAssistantTurnsAreSkipped() {
        ObjectNode body = map(request(Message.User.of("Hi"),
                new Message.Assistant("Hello!", List.of(), null, "The user greets me.", null),
                new Message.Assistant(null, List.of(), null, null, null),
                Message.User.of("Bye")).build());
        assertFalse(Json.text(body).contains("greets"));
        assertEquals(3, body.get("contents").size());
    }

    @Test
    void systemMessagesAloneAreRefused() {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> map(request(new Message.System("Be brief.", null)).build()));
        assertEquals("messages", error.param());
    }

    @Test
    void generationConfig() {
        ObjectNode body = map(request(Message.User.of("Hi"))
                .maxCompletionTokens(800).maxTokens(5).stop(List.of("END", "STOP")).temperature(0.7).topP(0.9)
                .seed(42L).n(2)
                .extension("presence_penalty", json("0.5")).extension("frequency_penalty", json("-0.25"))
                .extension("top_k", json("40")).extension("logit_bias", json("null"))
                .build());
        assertEquals(json("""
                {"maxOutputTokens":800,"stopSequences":["END","STOP"],"temperature":0.7,"topP":0.9,"seed":42,
                 "candidateCount":2,"presencePenalty":0.5,"frequencyPenalty":-0.25,"topK":40}"""),
                body.get("generationConfig"));
    }

    @Test
    void badParameterValuesAreRefused() {
        assertEquals("seed", assertThrows(GatewayException.BadRequest.class,
                () -> map(request(Message.User.of("Hi")).seed(1L << 40).build())).param());
        assertEquals("presence_penalty", assertThrows(GatewayException.BadRequest.class,
                () -> map(request(Message.User.of("Hi")).extension("presence_penalty", json("\"high\"")).build()))
                .param());
        assertEquals("top_k", assertThrows(GatewayException.BadRequest.class,
                () -> map(request(Message.User.of("Hi")).extension("top_k", json("2.5")).build())).param());
    }

    @Test
    @DisplayName("json_object and json_schema become responseMimeType and responseJsonSchema "
            + "(https://ai.google.dev/gemini-api/docs/structured-output)")
    void responseFormats() {
        ObjectNode jsonObject = map(request(Message.User.of("List three colours as JSON."))
                .responseFormat(new ResponseFormat.JsonObject()).build());
        assertEquals(json("{\"responseMimeType\":\"application/json\"}"), jsonObject.get("generationConfig"));

        ObjectNode schema = map(request(Message.User.of("List a few popular cookie recipes."))
                .responseFormat(new ResponseFormat.JsonSchema("recipes", "Cookie recipes", json("""
                        {"$schema":"https://json-schema.org/draft/2020-12/schema","type":"array",
                         "items":{"type":"object","properties":{"recipeName":{"type":"string"},
                           "ingredients":{"type":"array","items":{"type":"string"}}},
                           "required":["recipeName"],"additionalProperties":false}}"""), true)).build());
        assertEquals(json("""
                {"responseMimeType":"application/json",
                 "responseJsonSchema":{"type":"array","description":"Cookie recipes",
                   "items":{"type":"object","properties":{"recipeName":{"type":"string"},
                     "ingredients":{"type":"array","items":{"type":"string"}}},
                     "required":["recipeName"],"additionalProperties":false}}}"""), schema.get("generationConfig"));
        assertTrue(map(request(Message.User.of("Hi")).responseFormat(new ResponseFormat.Text()).build())
                .path("generationConfig").isMissingNode());
    }
}
