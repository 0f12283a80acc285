package dev.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ChatRequest → Converse body, against the request syntax of
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html.
 */
class BedrockRequestMapperTest {

    private static final Deployment STRICT = Deployment.builder("m", "bedrock").build();
    private static final Deployment DROPPING = Deployment.builder("m", "bedrock").dropParams(true).build();
    private static final Tool WEATHER = new Tool("get_weather", "Weather in a city",
            Json.parseUpstream("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}", "test"), null);

    @Test
    void mapsAFullConversation() {
        ChatRequest request = ChatRequest.builder("anthropic.claude-3-haiku-20240307-v1:0")
                .messages(List.of(
                        new Message.System("You are terse.", null),
                        new Message.User(List.of(new ContentPart.Text("Weather in Paris?"),
                                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)), null),
                        new Message.Assistant(null, List.of(new ToolCall("tooluse_1", "get_weather",
                                "{\"city\":\"Paris\"}")), null, null, null),
                        new Message.Tool("tooluse_1", "{\"temp\":18}"),
                        new Message.Developer("Answer in French.", null)))
                .tools(List.of(WEATHER)).toolChoice(new ToolChoice.Auto())
                .maxTokens(1024).temperature(0.7).topP(0.9).stop(List.of("END"))
                .extension("top_k", IntNode.valueOf(40))
                .build();
        JsonNode expected = Json.parseUpstream("""
                {"messages":[
                  {"role":"user","content":[{"text":"Weather in Paris?"},
                     {"image":{"format":"png","source":{"bytes":"iVBORw0KGgo="}}}]},
                  {"role":"assistant","content":[{"toolUse":{"toolUseId":"tooluse_1","name":"get_weather","input":{"city":"Paris"}}}]},
                  {"role":"user","content":[{"toolResult":{"toolUseId":"tooluse_1","content":[{"text":"{\\"temp\\":18}"}],"status":"success"}}]}],
                 "system":[{"text":"You are terse."},{"text":"Answer in French."}],
                 "inferenceConfig":{"maxTokens":1024,"temperature":0.7,"topP":0.9,"stopSequences":["END"]},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather in a city",
                     "inputSchema":{"json":{"type":"object","properties":{"city":{"type":"string"}}}}}}],
                   "toolChoice":{"auto":{}}},
                 "additionalModelRequestFields":{"top_k":40}}
                """, "test");
        assertEquals(expected, BedrockRequestMapper.toConverse(request, STRICT));
    }

    @Test
    void toolChoicesMapToTheirUnionMembers() {
        ChatRequest.Builder base = ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).tools(List.of(WEATHER));
        assertEquals(Json.parseUpstream("{\"any\":{}}", "t"), BedrockRequestMapper.toConverse(
                base.toolChoice(new ToolChoice.Required()).build(), STRICT).path("toolConfig").path("toolChoice"));
        assertEquals(Json.parseUpstream("{\"tool\":{\"name\":\"get_weather\"}}", "t"), BedrockRequestMapper.toConverse(
                base.toolChoice(new ToolChoice.Function("get_weather")).build(), STRICT).path("toolConfig").path("toolChoice"));
        assertFalse(BedrockRequestMapper.toConverse(base.toolChoice(null).build(), STRICT).path("toolConfig").has("toolChoice"));
    }

    @Test
    void aJsonSchemaIsConversesStructuredOutputAndStrictToolsStayStrict() {
        JsonNode body = BedrockRequestMapper.toConverse(ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .responseFormat(new ResponseFormat.JsonSchema("answer", "The answer", Json.parseUpstream(
                        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}", "t"), true))
                .build(), STRICT);
        assertEquals(Json.parseUpstream("""
                {"textFormat":{"type":"json_schema","structure":{"jsonSchema":{
                  "schema":"{\\"type\\":\\"object\\",\\"properties\\":{\\"a\\":{\\"type\\":\\"integer\\"}}}",
                  "name":"answer","description":"The answer"}}}}
                """, "t"), body.path("outputConfig"));
        Tool strict = new Tool("f", null, null, true);
        assertEquals(true, BedrockRequestMapper.toConverse(ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .tools(List.of(strict)).build(), STRICT).path("toolConfig").path("tools").get(0).path("toolSpec")
                .path("strict").asBoolean());
    }

    @Test
    void consecutiveTurnsOfOneRoleAreMerged() {
        JsonNode body = BedrockRequestMapper.toConverse(ChatRequest.of("m", List.of(
                Message.User.of("One."), Message.User.of("Two."), Message.Assistant.of("Ok."), Message.User.of("Three."))),
                STRICT);
        assertEquals(3, body.path("messages").size());
        assertEquals(2, body.path("messages").get(0).path("content").size());
    }

    @Test
    void refusesWhatConverseCanNotTakeNamingTheField() {
        ChatRequest.Builder base = ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")));
        assertRefused("seed", base.seed(7L).build());
        assertRefused("n", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).n(2).build());
        assertRefused("response_format", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .responseFormat(new ResponseFormat.JsonObject()).build());
        assertRefused("tool_choice", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .tools(List.of(WEATHER)).toolChoice(new ToolChoice.None()).build());
        assertRefused("logprobs", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .extension("logprobs", com.fasterxml.jackson.databind.node.BooleanNode.TRUE).build());
        assertRefused("messages[0].name", ChatRequest.of("m", List.of(new Message.User(
                List.of(new ContentPart.Text("Hi")), "alice"))));
    }

    @Test
    void droppingLeavesTheUnsupportedOut() {
        JsonNode body = BedrockRequestMapper.toConverse(ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")))
                .seed(7L).extension("logprobs", com.fasterxml.jackson.databind.node.BooleanNode.TRUE).build(),
                DROPPING);
        assertEquals(Json.parseUpstream("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}", "t"), body);
    }

    @Test
    void invalidValuesAreRefusedEvenWhenDropping() {
        assertInvalid("temperature", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).temperature(1.5).build());
        assertInvalid("max_tokens", ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).maxTokens(0).build());
        assertInvalid("messages[0]", ChatRequest.of("m", List.of(Message.Assistant.of("I start."), Message.User.of("Hi"))));
        assertInvalid("messages[0].content[0].image_url.url", ChatRequest.of("m", List.of(new Message.User(
                List.of(new ContentPart.Image("data:image/bmp;base64,Qk0=", null)), null))));
        assertInvalid("tools", ChatRequest.of("m", List.of(Message.User.of("Hi"),
                new Message.Assistant(null, List.of(new ToolCall("t1", "f", "{}")), null, null, null),
                new Message.Tool("t1", "ok"))));
    }

    @Test
    void theDeploymentsDefaultLimitIsSentWhenTheCallerGivesNone() {
        Deployment withDefault = Deployment.builder("m", "bedrock").defaultMaxTokens(2048).build();
        assertEquals(2048, BedrockRequestMapper.toConverse(ChatRequest.of("m", List.of(Message.User.of("Hi"))),
                withDefault).path("inferenceConfig").path("maxTokens").asInt());
        assertFalse(BedrockRequestMapper.toConverse(ChatRequest.of("m", List.of(Message.User.of("Hi"))), STRICT)
                .has("inferenceConfig"));
    }

    private static void assertRefused(String param, ChatRequest request) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> BedrockRequestMapper.toConverse(request, STRICT));
        assertEquals(param, error.param());
        assertEquals("unsupported_parameter", error.code());
    }

    private static void assertInvalid(String param, ChatRequest request) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> BedrockRequestMapper.toConverse(request, DROPPING));
        assertEquals(param, error.param());
    }
}
