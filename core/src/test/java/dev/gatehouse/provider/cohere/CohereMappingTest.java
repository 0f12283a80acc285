package dev.gatehouse.provider.cohere;

import dev.gatehouse.api.ServerSentEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.api.Usage;
import dev.gatehouse.http.SseReader;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cohere's v2 chat shapes, from the {@code /v2/chat} request, {@code ChatResponseV2} and
 * {@code Chat*Event} schemas of Cohere's OpenAPI (https://docs.cohere.com/reference/chat).
 */
class CohereMappingTest {

    private static final Deployment STRICT = Deployment.builder("m", "cohere").build();
    private static final Tool WEATHER = new Tool("get_weather", "Weather in a city",
            Json.parseUpstream("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", "t"), null);
    private static final Tool TIME = new Tool("get_time", null, null, null);

    @Test
    void mapsARequest() {
        ChatRequest request = ChatRequest.builder("command-a-03-2025").messages(List.of(
                        new Message.System("Be terse.", null),
                        new Message.User(List.of(new ContentPart.Text("What is this?"),
                                new ContentPart.Image("https://example.com/a.png", "low")), null),
                        new Message.Assistant(null, List.of(new ToolCall("c1", "get_weather", "{\"city\":\"Paris\"}")),
                                null, null, null),
                        new Message.Tool("c1", "{\"temp\":18}")))
                .tools(List.of(WEATHER, TIME)).toolChoice(new ToolChoice.Required())
                .maxTokens(300).temperature(0.5).topP(0.9).stop(List.of("END")).seed(7L)
                .extension("top_k", IntNode.valueOf(40)).build();
        JsonNode expected = Json.parseUpstream("""
                {"model":"command-a-03-2025","messages":[
                  {"role":"system","content":"Be terse."},
                  {"role":"user","content":[{"type":"text","text":"What is this?"},
                     {"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]},
                  {"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":"{\\"temp\\":18}"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather in a city",
                     "parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},
                   {"type":"function","function":{"name":"get_time","parameters":{"type":"object","properties":{}}}}],
                 "tool_choice":"REQUIRED","max_tokens":300,"stop_sequences":["END"],"temperature":0.5,"p":0.9,"seed":7,
                 "k":40,"stream":false}
                """, "t");
        // Compared as read back from text: the builder's number types (long seed) are not the parser's.
        assertEquals(expected, Json.parseUpstream(Json.text(CohereRequestMapper.toCohere(request, STRICT)), "t"));
    }

    @Test
    void aNamedToolChoiceIsThatToolRequired() {
        JsonNode body = CohereRequestMapper.toCohere(ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .tools(List.of(WEATHER, TIME)).toolChoice(new ToolChoice.Function("get_time")).build(), STRICT);
        assertEquals(1, body.path("tools").size());
        assertEquals("get_time", body.path("tools").get(0).path("function").path("name").asText());
        assertEquals("REQUIRED", body.path("tool_choice").asText());
    }

    @Test
    void jsonFormatsAndRefusals() {
        assertEquals(Json.parseUpstream("{\"type\":\"json_object\",\"json_schema\":{\"type\":\"object\"}}", "t"),
                CohereRequestMapper.toCohere(ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                        .responseFormat(new ResponseFormat.JsonSchema("x", null,
                                Json.parseUpstream("{\"type\":\"object\"}", "t"), true)).build(), STRICT)
                        .path("response_format"));
        GatewayException.BadRequest n = assertThrows(GatewayException.BadRequest.class, () -> CohereRequestMapper.toCohere(
                ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).n(2).build(), STRICT));
        assertEquals("n", n.param());
        GatewayException.BadRequest p = assertThrows(GatewayException.BadRequest.class, () -> CohereRequestMapper.toCohere(
                ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).topP(1.0).build(),
                Deployment.builder("m", "cohere").dropParams(true).build()));
        assertEquals("top_p", p.param());
    }

    @Test
    void mapsAResponseWithToolPlanAndUsage() {
        ChatResponse response = CohereResponseMapper.toChatResponse(Json.parseUpstream("""
                {"id":"r1","finish_reason":"TOOL_CALL","message":{"role":"assistant",
                  "tool_plan":"I will look up the weather.",
                  "tool_calls":[{"id":"get_weather_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 "usage":{"billed_units":{"input_tokens":20,"output_tokens":10},"tokens":{"input_tokens":120,"output_tokens":10},"cached_tokens":100}}
                """, "t"), "command-a", 1);
        ChatResponse.Choice choice = response.choices().getFirst();
        assertNull(choice.message().content());
        assertEquals("I will look up the weather.", choice.message().reasoningContent());
        assertEquals(List.of(new ToolCall("get_weather_1", "get_weather", "{\"city\":\"Paris\"}")), choice.message().toolCalls());
        assertEquals(FinishReason.TOOL_CALLS, choice.finishReason());
        assertEquals(new Usage(120, 10, 100, null, null), response.usage());
        assertEquals(FinishReason.LENGTH, CohereResponseMapper.finishReason("MAX_TOKENS"));
        assertEquals(FinishReason.STOP, CohereResponseMapper.finishReason("STOP_SEQUENCE"));
        assertThrows(GatewayException.UpstreamServerError.class, () -> CohereResponseMapper.toChatResponse(
                Json.parseUpstream("{\"id\":\"r\",\"finish_reason\":\"ERROR\",\"message\":{\"role\":\"assistant\"}}", "t"),
                "m", 1));
    }

    @Test
    void decodesThinkingAndTextStreams() {
        CohereStreamDecoder decoder = new CohereStreamDecoder("command-a", 1, true);
        List<ChatChunk> chunks = new ArrayList<>();
        for (String data : List.of(
                "{\"type\":\"message-start\",\"id\":\"s1\",\"delta\":{\"message\":{\"role\":\"assistant\"}}}",
                "{\"type\":\"content-start\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"type\":\"thinking\",\"thinking\":\"\"}}}}",
                "{\"type\":\"content-delta\",\"index\":0,\"delta\":{\"message\":{\"content\":{\"thinking\":\"Hmm.\"}}}}",
                "{\"type\":\"content-delta\",\"index\":1,\"delta\":{\"message\":{\"content\":{\"text\":\"Hi\"}}}}",
                "{\"type\":\"citation-start\",\"index\":0,\"delta\":{\"message\":{\"citations\":{}}}}",
                "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"COMPLETE\",\"usage\":{\"tokens\":{\"input_tokens\":3,\"output_tokens\":2}}}}")) {
            chunks.addAll(decoder.onEvent(new ServerSentEvent(null, data)));
        }
        assertEquals("assistant", chunks.get(0).choices().getFirst().delta().role());
        assertEquals("Hmm.", chunks.get(1).choices().getFirst().delta().reasoningContent());
        assertEquals("Hi", chunks.get(2).choices().getFirst().delta().content());
        assertEquals(FinishReason.STOP, chunks.get(3).choices().getFirst().finishReason());
        assertEquals(Usage.of(3, 2), chunks.get(4).usage());
        assertEquals(5, chunks.size());
        assertEquals(List.of(), decoder.onEnd());
    }

    @Test
    void anErrorAtTheEndOfAStreamIsThrown() {
        CohereStreamDecoder decoder = new CohereStreamDecoder("m", 1, false);
        decoder.onEvent(new ServerSentEvent(null, "{\"type\":\"message-start\",\"id\":\"s\"}"));
        GatewayException error = assertThrows(GatewayException.class, () -> decoder.onEvent(new ServerSentEvent(null,
                "{\"type\":\"message-end\",\"delta\":{\"finish_reason\":\"ERROR\",\"error\":\"model crashed\"}}")));
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
    }

    @Test
    void errorsByStatus() {
        Clock clock = Clock.systemUTC();
        assertInstanceOf(GatewayException.ContextLengthExceeded.class, CohereErrors.fromResponse(400, null,
                "{\"message\":\"too many tokens: total number of tokens in the prompt cannot exceed 128000\"}", clock));
        assertInstanceOf(GatewayException.BadRequest.class, CohereErrors.fromResponse(422, null, "{\"message\":\"x\"}", clock));
        assertInstanceOf(GatewayException.Authentication.class, CohereErrors.fromResponse(401, null, "{}", clock));
        assertInstanceOf(GatewayException.ContentFiltered.class, CohereErrors.fromResponse(498, null,
                "{\"message\":\"blocked\"}", clock));
        assertInstanceOf(GatewayException.UpstreamTimeout.class, CohereErrors.fromResponse(504, null, "", clock));
        assertEquals(503, CohereErrors.fromResponse(503, null, "{}", clock).status());
    }
}
