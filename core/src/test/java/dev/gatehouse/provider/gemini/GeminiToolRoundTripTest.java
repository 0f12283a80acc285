package dev.gatehouse.provider.gemini;

import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.json;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.map;
import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A Gemini function call, through an OpenAI client and back: ids, arguments and signatures survive. */
class GeminiToolRoundTripTest {

    /**
     * Parallel calls from a Gemini 3 model: only the first call carries the thought signature
     * (https://ai.google.dev/gemini-api/docs/thought-signatures#parallel-function-calling).
     */
    static final String PARALLEL_CALLS = """
            {"candidates":[{"content":{"role":"model","parts":[
               {"functionCall":{"name":"get_current_temperature","args":{"location":"Paris"}},
                "thoughtSignature":"c2lnbmF0dXJlLW9uZQ=="},
               {"functionCall":{"name":"get_current_temperature","args":{"location":"London"}}}]},
              "finishReason":"STOP","index":0}],
             "usageMetadata":{"promptTokenCount":40,"candidatesTokenCount":20,"thoughtsTokenCount":90,
               "totalTokenCount":150},"modelVersion":"gemini-3-pro-preview","responseId":"fc-turn-1"}""";

    @Test
    @DisplayName("ids from the response come back with their results, put in call order (Gemini pairs by "
            + "position); the signature returns to its call")
    void roundTrip() {
        ChatResponse response = GeminiResponseMapper.toChatResponse(json(PARALLEL_CALLS), "gemini-3-pro-preview", 0L);
        Message.Assistant answer = response.choices().getFirst().message();
        List<ToolCall> calls = answer.toolCalls();
        assertNotEquals(calls.get(0).id(), calls.get(1).id());

        ObjectNode next = map(request(
                Message.User.of("What's the temperature in Paris and London?"),
                answer,
                new Message.Tool(calls.get(1).id(), "{\"temperature\":14,\"unit\":\"C\"}"),
                new Message.Tool(calls.get(0).id(), "{\"temperature\":16,\"unit\":\"C\"}")).build());

        assertEquals(json("""
                [{"role":"user","parts":[{"text":"What's the temperature in Paris and London?"}]},
                 {"role":"model","parts":[
                   {"functionCall":{"name":"get_current_temperature","args":{"location":"Paris"}},
                    "thoughtSignature":"c2lnbmF0dXJlLW9uZQ=="},
                   {"functionCall":{"name":"get_current_temperature","args":{"location":"London"}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_current_temperature","response":{"temperature":16,"unit":"C"}}},
                   {"functionResponse":{"name":"get_current_temperature","response":{"temperature":14,"unit":"C"}}}]}]"""),
                next.get("contents"));
    }
}
