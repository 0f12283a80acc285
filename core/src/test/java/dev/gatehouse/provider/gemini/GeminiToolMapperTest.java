package dev.gatehouse.provider.gemini;

import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.DROPPING;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.json;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.map;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Tools, tool choice and JSON Schema translation, OpenAI → Gemini. */
class GeminiToolMapperTest {

    /** The find_theaters declaration of Google's function-calling REST example, as OpenAI JSON Schema. */
    static final Tool FIND_THEATERS = new Tool("find_theaters",
            "find theaters based on location and optionally movie title which is currently playing in theaters",
            json("""
                    {"type":"object","properties":{
                       "location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},
                       "movie":{"type":"string","description":"Any movie title"}},
                     "required":["location"]}"""), null);
    static final Tool GET_SHOWTIMES = new Tool("get_showtimes", null, null, null);

    static ChatRequest.Builder withTools(Tool... tools) {
        return request(Message.User.of("Which theaters in Mountain View show Barbie movie?")).tools(List.of(tools));
    }

    @Test
    @DisplayName("functions become functionDeclarations with parametersJsonSchema "
            + "(https://ai.google.dev/gemini-api/docs/function-calling, https://ai.google.dev/api/caching#FunctionDeclaration)")
    void functionDeclarations() {
        ObjectNode body = map(withTools(FIND_THEATERS, GET_SHOWTIMES).build());
        assertEquals(json("""
                [{"functionDeclarations":[
                  {"name":"find_theaters",
                   "description":"find theaters based on location and optionally movie title which is currently playing in theaters",
                   "parametersJsonSchema":{"type":"object","properties":{
                       "location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},
                       "movie":{"type":"string","description":"Any movie title"}},
                     "required":["location"]}},
                  {"name":"get_showtimes"}]}]"""), body.get("tools"));
        assertTrue(body.path("toolConfig").isMissingNode(), "no tool_choice, no toolConfig: Gemini's default is AUTO");
    }

    static Stream<Arguments> toolChoices() {
        return Stream.of(
                Arguments.of(new ToolChoice.Auto(), "{\"mode\":\"AUTO\"}"),
                Arguments.of(new ToolChoice.None(), "{\"mode\":\"NONE\"}"),
                Arguments.of(new ToolChoice.Required(), "{\"mode\":\"ANY\"}"),
                Arguments.of(new ToolChoice.Function("find_theaters"),
                        "{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"find_theaters\"]}"));
    }

    @ParameterizedTest
    @MethodSource("toolChoices")
    @DisplayName("tool_choice → functionCallingConfig (https://ai.google.dev/gemini-api/docs/function-calling#function_calling_modes)")
    void toolChoice(ToolChoice choice, String expected) {
        ObjectNode body = map(withTools(FIND_THEATERS, GET_SHOWTIMES).toolChoice(choice).build());
        assertEquals(json("{\"functionCallingConfig\":" + expected + "}"), body.get("toolConfig"));
    }

    @Test
    void strictFunctionsUseValidatedMode() {
        Tool strict = new Tool("find_theaters", null, FIND_THEATERS.parameters(), true);
        assertEquals("VALIDATED", map(withTools(strict).build()).at("/toolConfig/functionCallingConfig/mode").asText());
        assertEquals("VALIDATED", map(withTools(strict).toolChoice(new ToolChoice.Auto()).build())
                .at("/toolConfig/functionCallingConfig/mode").asText());
        assertEquals("ANY", map(withTools(strict).toolChoice(new ToolChoice.Required()).build())
                .at("/toolConfig/functionCallingConfig/mode").asText());
    }

    @Test
    void toolChoiceThatCanNotBeMetIsRefused() {
        assertEquals("tool_choice", assertThrows(GatewayException.BadRequest.class,
                () -> map(withTools(FIND_THEATERS).toolChoice(new ToolChoice.Function("get_time")).build())).param());
        assertEquals("tool_choice", assertThrows(GatewayException.BadRequest.class,
                () -> map(withTools().toolChoice(new ToolChoice.Required()).build())).param());
        assertTrue(map(withTools().toolChoice(new ToolChoice.None()).build()).path("toolConfig").isMissingNode());
    }

    @Test
    void constBecomesEnumAndAnnotationsAreRemoved() {
        Tool tool = new Tool("set_mode", null, json("""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object",
                 "properties":{"mode":{"const":"fast","description":"Only fast."},
                               "level":{"type":"integer","default":3,"minimum":1,"maximum":5,"examples":[2]},
                               "tags":{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"null"}]}}},
                 "$defs":{"unused":{"type":"string","deprecated":true}},
                 "additionalProperties":false}"""), null);
        assertEquals(json("""
                {"type":"object",
                 "properties":{"mode":{"enum":["fast"],"description":"Only fast."},
                               "level":{"type":"integer","minimum":1,"maximum":5},
                               "tags":{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"null"}]}}},
                 "$defs":{"unused":{"type":"string"}},
                 "additionalProperties":false}"""),
                map(withTools(tool).build()).at("/tools/0/functionDeclarations/0/parametersJsonSchema"));
    }

    @Test
    void keywordsGeminiDoesNotApplyAreRefusedOrDropped() {
        Tool tool = new Tool("lookup", null, json("""
                {"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}$","minLength":3}},
                 "required":["code"]}"""), null);
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> map(withTools(tool).build()));
        assertEquals("tools[0].function.parameters.properties.code.pattern", error.param());
        assertTrue(error.getMessage().contains("pattern"), error.getMessage());

        ObjectNode dropped = GeminiRequestMapper.toGemini(withTools(tool).build(), DROPPING);
        assertEquals(json("{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}"),
                dropped.at("/tools/0/functionDeclarations/0/parametersJsonSchema"));
    }
}
