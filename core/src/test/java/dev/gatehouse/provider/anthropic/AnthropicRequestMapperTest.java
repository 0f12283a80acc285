package dev.gatehouse.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Top-level parameters of the request (https://platform.claude.com/docs/en/api/messages/create);
 * messages are covered by {@link AnthropicMessageMapperTest}.
 */
class AnthropicRequestMapperTest {

    static final Deployment STRICT = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5").build();
    static final Deployment DROPPING = Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
            .dropParams(true).build();
    static final Tool WEATHER = new Tool("get_weather", "Get the current weather in a given location",
            json("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},\"required\":[\"location\"]}"), null);
    static final Tool TIME = new Tool("get_time", null, null, true);

    static JsonNode json(String text) {
        return Json.parseUpstream(text, "test");
    }

    static ChatRequest.Builder hello() {
        return ChatRequest.builder("claude-sonnet-4-5").messages(List.of(Message.User.of("Hello, Claude")));
    }

    @Test
    @DisplayName("the basic request of docs: build-with-claude/working-with-messages")
    void basicRequest() {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello().maxTokens(1024).build(), STRICT);
        assertEquals(json("""
                {"model": "claude-sonnet-4-5", "max_tokens": 1024,
                 "messages": [{"role": "user", "content": [{"type": "text", "text": "Hello, Claude"}]}]}
                """), body);
    }

    @Test
    void maxTokensComeFromTheCallerThenTheDeploymentThenTheModelFamily() {
        assertEquals(300, AnthropicRequestMapper.toAnthropic(hello().maxCompletionTokens(300).maxTokens(200).build(), STRICT)
                .get("max_tokens").asInt());
        assertEquals(200, AnthropicRequestMapper.toAnthropic(hello().maxTokens(200).build(), STRICT).get("max_tokens").asInt());
        Deployment withDefault = Deployment.builder("c", "anthropic").defaultMaxTokens(2000).build();
        assertEquals(2000, AnthropicRequestMapper.toAnthropic(hello().build(), withDefault).get("max_tokens").asInt());
        assertEquals(8192, AnthropicRequestMapper.toAnthropic(hello().build(), STRICT).get("max_tokens").asInt());
        ChatRequest claude3 = hello().model("claude-3-haiku-20240307").build();
        assertEquals(4096, AnthropicRequestMapper.toAnthropic(claude3, STRICT).get("max_tokens").asInt());
    }

    @Test
    void aZeroLimitIsRefusedNamingTheParameterUsed() {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(hello().maxCompletionTokens(0).build(), STRICT));
        assertEquals("max_completion_tokens", error.param());
    }

    @Test
    void samplingStopAndUser() {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello().temperature(0.7).topP(0.9)
                .stop(List.of("\n\nHuman:", "END")).user("user-7f3a").build(), STRICT);
        assertEquals(0.7, body.get("temperature").asDouble());
        assertEquals(0.9, body.get("top_p").asDouble());
        assertEquals(json("[\"\\n\\nHuman:\",\"END\"]"), body.get("stop_sequences"));
        assertEquals(json("{\"user_id\":\"user-7f3a\"}"), body.get("metadata"));
    }

    @Test
    void toolsCarryTheirSchemaAsInputSchema() {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello().tools(List.of(WEATHER, TIME)).build(), STRICT);
        assertEquals(json("""
                [{"name": "get_weather", "description": "Get the current weather in a given location",
                  "input_schema": {"type": "object", "properties": {"location": {"type": "string"}}, "required": ["location"]}},
                 {"name": "get_time", "input_schema": {"type": "object", "properties": {}}, "strict": true}]
                """), body.get("tools"));
        assertFalse(body.has("tool_choice"), "auto is Anthropic's default");
    }

    @DisplayName("tool_choice auto/none/required/function → auto/none/any/tool, with parallel_tool_calls:false")
    @ParameterizedTest(name = "{0}, parallel {1} → {2}")
    @CsvSource(delimiter = '|', value = {
        "auto     | true  | {\"type\":\"auto\"}",
        "none     | true  | {\"type\":\"none\"}",
        "required | true  | {\"type\":\"any\"}",
        "function | true  | {\"type\":\"tool\",\"name\":\"get_weather\"}",
        "auto     | false | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
        "none     | false | {\"type\":\"none\"}",
        "required | false | {\"type\":\"any\",\"disable_parallel_tool_use\":true}",
        "function | false | {\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}",
        "unset    | false | {\"type\":\"auto\",\"disable_parallel_tool_use\":true}",
    })
    void toolChoices(String choice, boolean parallel, String expected) {
        ToolChoice toolChoice = switch (choice) {
            case "auto" -> new ToolChoice.Auto();
            case "none" -> new ToolChoice.None();
            case "required" -> new ToolChoice.Required();
            case "function" -> new ToolChoice.Function("get_weather");
            default -> null;
        };
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello().tools(List.of(WEATHER)).toolChoice(toolChoice)
                .parallelToolCalls(parallel).build(), STRICT);
        assertEquals(json(expected), body.get("tool_choice"));
    }

    @Test
    void aToolChoiceMustNameAKnownTool() {
        assertEquals("tool_choice", assertThrows(GatewayException.BadRequest.class, () -> AnthropicRequestMapper.toAnthropic(
                hello().tools(List.of(WEATHER)).toolChoice(new ToolChoice.Function("get_time")).build(), STRICT)).param());
        assertEquals("tool_choice", assertThrows(GatewayException.BadRequest.class, () -> AnthropicRequestMapper.toAnthropic(
                hello().toolChoice(new ToolChoice.Required()).build(), STRICT)).param());
    }

    @Test
    @DisplayName("json_schema → output_config.format (docs: build-with-claude/structured-outputs)")
    void jsonSchemaBecomesOutputConfig() {
        JsonNode schema = json("""
                {"type": "object", "properties": {"name": {"type": "string"}, "demo_requested": {"type": "boolean"}},
                 "required": ["name", "demo_requested"], "additionalProperties": false}
                """);
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello()
                .responseFormat(new ResponseFormat.JsonSchema("lead", "A sales lead", schema, true)).build(), STRICT);
        ObjectNode expected = Json.object();
        expected.putObject("format").put("type", "json_schema").set("schema", schema);
        assertEquals(expected, body.get("output_config"));
    }

    @Test
    void jsonSchemaCanNotContinueAPrefilledAnswer() {
        ChatRequest request = ChatRequest.builder("claude-sonnet-4-5").messages(List.of(
                        Message.User.of("Give me JSON."), Message.Assistant.of("{\"name\":")))
                .responseFormat(new ResponseFormat.JsonSchema("x", null, json("{\"type\":\"object\"}"), null)).build();
        assertEquals("messages[1]", assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(request, STRICT)).param());
    }

    @Test
    void textResponseFormatChangesNothing() {
        assertFalse(AnthropicRequestMapper.toAnthropic(hello().responseFormat(new ResponseFormat.Text()).build(), STRICT)
                .has("output_config"));
    }

    @Test
    void topKExtensionIsMapped() {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(hello().extension("top_k", json("40")).build(), STRICT);
        assertEquals(40, body.get("top_k").asInt());
    }

    @DisplayName("a parameter Anthropic can not take is refused, naming it")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"seed", "n", "response_format", "temperature", "frequency_penalty", "logprobs"})
    void unsupportedParametersAreRefused(String param) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(withUnsupported(param), STRICT));
        assertEquals(param, error.param());
        assertEquals("unsupported_parameter", error.code());
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("drop"), "the message says how to get past it: " + error.getMessage());
    }

    @DisplayName("…and dropped when the deployment drops unsupported parameters")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"seed", "n", "response_format", "temperature", "frequency_penalty", "logprobs"})
    void unsupportedParametersAreDroppedWhenTheDeploymentSaysSo(String param) {
        ObjectNode body = AnthropicRequestMapper.toAnthropic(withUnsupported(param), DROPPING);
        assertEquals(AnthropicRequestMapper.toAnthropic(hello().build(), STRICT), body, "nothing of " + param + " is sent");
    }

    private static ChatRequest withUnsupported(String param) {
        ChatRequest.Builder request = hello();
        return switch (param) {
            case "seed" -> request.seed(42L).build();
            case "n" -> request.n(2).build();
            case "response_format" -> request.responseFormat(new ResponseFormat.JsonObject()).build();
            case "temperature" -> request.temperature(1.5).build();
            case "frequency_penalty" -> request.extension("frequency_penalty", json("0.5")).build();
            default -> request.extension(param, json("true")).build();
        };
    }

    @Test
    void oneChoiceIsFine() {
        assertFalse(AnthropicRequestMapper.toAnthropic(hello().n(1).build(), STRICT).has("n"));
    }

    @Test
    void outOfRangeValuesAreRefusedEvenWhenDropping() {
        assertEquals("temperature", assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(hello().temperature(-0.1).build(), DROPPING)).param());
        assertEquals("top_p", assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(hello().topP(1.5).build(), DROPPING)).param());
        assertEquals("top_k", assertThrows(GatewayException.BadRequest.class,
                () -> AnthropicRequestMapper.toAnthropic(hello().extension("top_k", json("\"40\"")).build(), DROPPING)).param());
    }
}
