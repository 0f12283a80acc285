package dev.gatehouse.provider.gemini;

import static dev.gatehouse.provider.gemini.GeminiRequestMapperTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Gemini {@code GenerateContentResponse} → OpenAI chat completion. */
class GeminiResponseMapperTest {

    static final long CREATED = 1_764_000_000L;

    /** Google's function-calling REST example answer (google-gemini/cookbook, Function_calling_REST), with a responseId. */
    static final String FIND_THEATERS_CALL = """
            {"candidates":[{"content":{"parts":[{"functionCall":{"name":"find_theaters",
                "args":{"movie":"Barbie","location":"Mountain View, CA"}}}],"role":"model"},
              "finishReason":"STOP","index":0,
              "safetyRatings":[{"category":"HARM_CATEGORY_HATE_SPEECH","probability":"NEGLIGIBLE"}]}],
             "usageMetadata":{"promptTokenCount":66,"candidatesTokenCount":14,"totalTokenCount":80},
             "modelVersion":"gemini-2.5-flash","responseId":"mIosaZ2bLp-qz7IPpNbfuAQ"}""";

    static ChatResponse map(String body) {
        return GeminiResponseMapper.toChatResponse(json(body), "gemini-2.5-flash", CREATED);
    }

    static String withFinish(String reason) {
        return """
                {"candidates":[{"content":{"parts":[{"text":"..."}],"role":"model"},"finishReason":"%s","index":0}],
                 "responseId":"r1"}""".formatted(reason);
    }

    @Test
    @DisplayName("a text answer (https://ai.google.dev/api/generate-content#v1beta.GenerateContentResponse)")
    void text() {
        ChatResponse response = map("""
                {"candidates":[{"content":{"parts":[{"text":"AI learns patterns "},{"text":"from data."}],
                   "role":"model"},"finishReason":"STOP","avgLogprobs":-0.25}],
                 "usageMetadata":{"promptTokenCount":8,"candidatesTokenCount":6,"totalTokenCount":14,
                   "promptTokensDetails":[{"modality":"TEXT","tokenCount":8}]},
                 "modelVersion":"gemini-2.0-flash","responseId":"Hn4saaKDLtGhz7IP8r3U0Qc"}""");
        assertEquals("Hn4saaKDLtGhz7IP8r3U0Qc", response.id());
        assertEquals("gemini-2.0-flash", response.model());
        assertEquals(CREATED, response.created());
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals(0, choice.index());
        assertEquals("AI learns patterns from data.", choice.message().content());
        assertEquals(FinishReason.STOP, choice.finishReason());
        assertEquals(new Usage(8, 6, null, null, null), response.usage());
    }

    @Test
    @DisplayName("a functionCall answer becomes tool_calls with stable ids (https://ai.google.dev/gemini-api/docs/function-calling)")
    void functionCall() {
        ChatResponse response = map(FIND_THEATERS_CALL);
        ChatResponse.Choice choice = response.choices().getFirst();
        assertEquals(FinishReason.TOOL_CALLS, choice.finishReason(), "STOP with a function call is tool_calls");
        assertNull(choice.message().content());
        ToolCall call = choice.message().toolCalls().getFirst();
        assertEquals("find_theaters", call.name());
        assertEquals(json("{\"movie\":\"Barbie\",\"location\":\"Mountain View, CA\"}"), json(call.arguments()));
        assertTrue(call.id().matches("call_[0-9a-f]{24}"), call.id());
        assertEquals(call.id(), map(FIND_THEATERS_CALL).choices().getFirst().message().toolCalls().getFirst().id(),
                "the same response maps to the same id");
        assertNotEquals(call.id(), map(FIND_THEATERS_CALL.replace("mIosaZ2bLp", "other"))
                .choices().getFirst().message().toolCalls().getFirst().id(), "another response, another id");
    }

    @Test
    void parallelCallsGetDistinctIdsAndGeminiIdsAreKept() {
        ChatResponse response = map("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}},
                   {"functionCall":{"name":"get_weather","args":{"city":"Oslo"}}},
                   {"functionCall":{"id":"function-call-6081382","name":"get_time","args":{"city":"Oslo"}}}]},
                  "finishReason":"STOP","index":0}],"responseId":"r2"}""");
        List<ToolCall> calls = response.choices().getFirst().message().toolCalls();
        assertEquals(3, calls.size());
        assertNotEquals(calls.get(0).id(), calls.get(1).id(), "same call twice, two ids");
        assertEquals("function-call-6081382", calls.get(2).id());
    }

    @Test
    @DisplayName("a thought signature on a call rides in its id (https://ai.google.dev/gemini-api/docs/thought-signatures)")
    void thoughtSignatureInTheId() {
        ChatResponse response = map("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"functionCall":{"name":"check_flight","args":{"flight":"AA100"}},"thoughtSignature":"PHNpZ25hdHVyZT4+/w=="},
                   {"text":"","thoughtSignature":"c2ln"}]},
                  "finishReason":"STOP","index":0}],"responseId":"r3"}""");
        assertNull(response.choices().getFirst().message().content(), "an empty signed text part is no content");
        String id = response.choices().getFirst().message().toolCalls().getFirst().id();
        assertTrue(id.matches("call_[0-9a-f]{24}__ts_[A-Za-z0-9_-]+"), id);
        assertEquals("PHNpZ25hdHVyZT4+/w==", GeminiToolCallIds.thoughtSignature(id).orElseThrow());
    }

    @ParameterizedTest
    @CsvSource({
        "STOP, stop", "MAX_TOKENS, length",
        "SAFETY, content_filter", "RECITATION, content_filter", "BLOCKLIST, content_filter",
        "PROHIBITED_CONTENT, content_filter", "SPII, content_filter", "IMAGE_SAFETY, content_filter",
        "LANGUAGE, language", "OTHER, other"})
    @DisplayName("finishReason table (https://ai.google.dev/api/generate-content#FinishReason)")
    void finishReasons(String gemini, String openAi) {
        assertEquals(new FinishReason(openAi), map(withFinish(gemini)).choices().getFirst().finishReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL"})
    void aBrokenFunctionCallIsAnUpstreamErrorNotAStop(String reason) {
        GatewayException.UpstreamServerError error = assertThrows(GatewayException.UpstreamServerError.class,
                () -> map(withFinish(reason)));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
        assertEquals(502, error.status());
        assertTrue(error.retryable());
    }

    @Test
    @DisplayName("a blocked prompt: promptFeedback.blockReason, no candidates "
            + "(https://ai.google.dev/api/generate-content#PromptFeedback)")
    void blockedPrompt() {
        GatewayException.ContentFiltered error = assertThrows(GatewayException.ContentFiltered.class, () -> map("""
                {"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"},
                 "usageMetadata":{"promptTokenCount":12559,"totalTokenCount":12559},
                 "modelVersion":"gemini-1.5-flash-002"}"""));
        assertTrue(error.getMessage().contains("PROHIBITED_CONTENT"), error.getMessage());
        assertEquals("content_filter", error.code());
        assertInstanceOf(GatewayException.UpstreamServerError.class,
                assertThrows(GatewayException.class, () -> map("{\"candidates\":[]}")));
    }

    @Test
    @DisplayName("usage: thoughts count as completion and reasoning, cached as cached "
            + "(https://ai.google.dev/api/generate-content#UsageMetadata, https://ai.google.dev/gemini-api/docs/thinking)")
    void usage() {
        ChatResponse response = map("""
                {"candidates":[{"content":{"parts":[{"text":"42"}],"role":"model"},"finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":100,"cachedContentTokenCount":60,"candidatesTokenCount":20,
                   "thoughtsTokenCount":30,"totalTokenCount":150},"responseId":"r4"}""");
        assertEquals(new Usage(100, 50, 60, null, 30), response.usage());
        assertEquals(150, response.usage().totalTokens(), "the same total as Gemini's totalTokenCount");
    }

    @Test
    @DisplayName("thought parts become reasoning_content (https://ai.google.dev/gemini-api/docs/thinking#summaries)")
    void thoughts() {
        ChatResponse response = map("""
                {"candidates":[{"content":{"role":"model","parts":[
                   {"text":"**Counting paws** Two dogs, four paws each.","thought":true},
                   {"text":"There are 8 paws."}]},"finishReason":"STOP","index":0}],"responseId":"r5"}""");
        assertEquals("There are 8 paws.", response.choices().getFirst().message().content());
        assertEquals("**Counting paws** Two dogs, four paws each.",
                response.choices().getFirst().message().reasoningContent());
    }

    @Test
    void candidatesAreChoicesInIndexOrderAndMissingIdsAreGenerated() {
        ChatResponse response = GeminiResponseMapper.toChatResponse(json("""
                {"candidates":[
                  {"content":{"parts":[{"text":"B"}],"role":"model"},"finishReason":"STOP","index":1},
                  {"content":{"parts":[{"text":"A"}],"role":"model"},"finishReason":"MAX_TOKENS","index":0}]}"""),
                "gemini-2.5-flash", CREATED);
        assertEquals(List.of("A", "B"), response.choices().stream().map(c -> c.message().content()).toList());
        assertEquals(FinishReason.LENGTH, response.choices().getFirst().finishReason());
        assertTrue(response.id().startsWith("chatcmpl-"), response.id());
        assertEquals("gemini-2.5-flash", response.model(), "no modelVersion: the requested model");
        assertNull(response.usage());
    }
}
