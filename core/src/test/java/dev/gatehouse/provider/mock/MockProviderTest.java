package dev.gatehouse.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Upstream;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MockProviderTest {

    private final MockProvider mock = new MockProvider();
    private final Deployment deployment = Deployment.builder("demo", "mock").build();

    private static ChatRequest.Builder say(String text) {
        return ChatRequest.builder("demo").messages(List.of(Message.User.of(text)));
    }

    @Test
    void answersDeterministically() {
        ChatResponse first = mock.chat(say("Hi there").build(), new Upstream(deployment, null));
        ChatResponse second = mock.chat(say("Hi there").build(), new Upstream(deployment, null));
        assertEquals(first, second);
        assertEquals("Hello from Gatehouse's mock provider. You said: Hi there",
                first.choices().getFirst().message().content());
        assertEquals(FinishReason.STOP, first.choices().getFirst().finishReason());
        assertTrue(first.usage().promptTokens() > 0 && first.usage().completionTokens() > 0);
        assertTrue(first.id().startsWith("mock-"));
    }

    @Test
    void answersJsonWhenAskedFor() {
        ChatResponse response = mock.chat(say("x").responseFormat(new ResponseFormat.JsonObject()).build(), new Upstream(deployment, null));
        assertEquals("x", Json.parseUpstream(response.choices().getFirst().message().content(), "t").get("echo").asText());
    }

    @Test
    void callsTheToolItIsMadeToCall() {
        Tool weather = new Tool("get_weather", null, null, null);
        Tool time = new Tool("get_time", null, null, null);
        ChatResponse response = mock.chat(say("x").tools(List.of(weather, time))
                .toolChoice(new ToolChoice.Function("get_time")).build(), new Upstream(deployment, null));
        assertEquals("get_time", response.choices().getFirst().message().toolCalls().getFirst().name());
        assertEquals(FinishReason.TOOL_CALLS, response.choices().getFirst().finishReason());
        ChatResponse auto = mock.chat(say("x").tools(List.of(weather)).build(), new Upstream(deployment, null));
        assertTrue(auto.choices().getFirst().message().toolCalls().isEmpty(), "with auto the mock answers in text");
    }

    @ParameterizedTest
    @CsvSource({"400,BadRequest", "401,Authentication", "403,PermissionDenied", "404,NotFound", "429,RateLimited",
        "500,UpstreamServerError", "503,UpstreamServerError", "529,UpstreamServerError"})
    void failsOnRequest(int status, String kind) {
        GatewayException error = assertThrows(GatewayException.class, () -> mock.chat(say("mock:error:" + status).build(),
                new Upstream(deployment, null)));
        assertEquals(kind, error.getClass().getSimpleName());
        if (error instanceof GatewayException.RateLimited limited) {
            assertEquals(Duration.ofSeconds(1), limited.retryAfter().orElseThrow());
        }
        assertInstanceOf(GatewayException.BadRequest.class,
                assertThrows(GatewayException.class, () -> mock.chat(say("mock:error:418").build(), new Upstream(deployment, null))));
    }

    @Test
    void streamsTheSameAnswerWordByWord() {
        ChatRequest request = say("one two three").stream(true).includeUsage(true).build();
        List<ChatChunk> chunks = new ArrayList<>();
        try (ChatStream stream = mock.stream(request, new Upstream(Deployment.builder("demo", "mock")
                .options(Map.of("stream_delay_ms", "1")).build(), null))) {
            stream.forEachRemaining(chunks::add);
        }
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().content() != null) {
                text.append(ch.delta().content());
            }
        }));
        assertEquals(mock.chat(request, new Upstream(deployment, null)).choices().getFirst().message().content(), text.toString());
        assertEquals("assistant", chunks.getFirst().choices().getFirst().delta().role());
        assertNotNull(chunks.getLast().usage());
        assertTrue(chunks.size() > 5, "one chunk a word");
    }

    @Test
    void refusesABadDelayOption() {
        Deployment bad = Deployment.builder("demo", "mock").options(Map.of("stream_delay_ms", "soon")).build();
        assertThrows(GatewayException.BadRequest.class, () -> mock.stream(say("x").build(), new Upstream(bad, null)));
    }
}
