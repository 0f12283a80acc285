package dev.gatehouse.provider.gemini;

import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.DROPPING;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.STRICT;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.json;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.json.Json;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A parameter Gemini can not take is refused with a 400 naming it, or dropped under dropParams; never ignored. */
class GeminiUnsupportedParamsTest {

    static Stream<Arguments> unsupported() {
        return Stream.of(
                Arguments.of("parallel_tool_calls", request(Message.User.of("Hi"))
                        .tools(java.util.List.of(GeminiToolMapperTest.FIND_THEATERS)).parallelToolCalls(false)),
                Arguments.of("logit_bias", request(Message.User.of("Hi")).extension("logit_bias", json("{\"50256\":-100}"))),
                Arguments.of("logprobs", request(Message.User.of("Hi")).extension("logprobs", json("true"))),
                Arguments.of("messages[0].name", request(new Message.User(Message.User.of("Hi").content(), "alice"))),
                Arguments.of("messages[0].name", request(new Message.System("Be brief.", "setup"), Message.User.of("Hi"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void refusedNamingTheParameter(String param, ChatRequest.Builder request) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> GeminiRequestMapper.toGemini(request.build(), STRICT));
        assertEquals(param, error.param());
        assertEquals(400, error.status());
        assertTrue(error.getMessage().contains("'" + param + "'"), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void droppedUnderDropParams(String param, ChatRequest.Builder request) {
        ObjectNode body = GeminiRequestMapper.toGemini(request.build(), DROPPING);
        String text = Json.text(body);
        for (String trace : new String[] {"50256", "logprobs", "reasoning", "alice", "setup", "parallel"}) {
            assertTrue(!text.contains(trace), trace + " left a trace in " + text);
        }
        assertEquals("Hi", body.at("/contents/0/parts/0/text").asText());
    }
}
