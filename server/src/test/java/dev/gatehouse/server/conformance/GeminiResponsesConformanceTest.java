package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.gemini.FakeGemini;

/**
 * The Responses suite on Gemini's generateContent, through the canonical translation:
 * reasoning is asked for in {@code generationConfig.thinkingConfig} and comes back as parts
 * marked {@code thought: true} (https://ai.google.dev/gemini-api/docs/thinking); a JSON schema
 * goes in {@code generationConfig.responseJsonSchema}.
 */
class GeminiResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new TranslatedUpstream<>(new FakeGemini(), "gemini", "gemini-2.5-flash") {
            @Override
            public void replyReasoningThenText(String reasoning, String text, Tokens tokens) {
                int thoughts = Math.max(1, tokens.output() / 2);
                fake.enqueue(Reply.Full.json(200, """
                        {"candidates":[{"content":{"role":"model","parts":[
                          {"text":%s,"thought":true},{"text":%s}]},"finishReason":"STOP","index":0}],
                         "usageMetadata":{"promptTokenCount":%d,"candidatesTokenCount":%d,"thoughtsTokenCount":%d,
                          "totalTokenCount":%d},
                         "modelVersion":"gemini-2.5-flash","responseId":"reasoning-1"}"""
                        .formatted(quote(reasoning), quote(text), tokens.input(), tokens.output() - thoughts, thoughts,
                                tokens.input() + tokens.output())));
            }

            @Override
            public boolean asksForReasoning(JsonNode body) {
                JsonNode thinking = body.path("generationConfig").path("thinkingConfig");
                return thinking.path("thinkingBudget").asInt(0) != 0 || thinking.path("thinkingLevel").isTextual()
                        || thinking.path("includeThoughts").asBoolean(false);
            }

            @Override
            public boolean asksForJsonSchema(JsonNode body) {
                JsonNode config = body.path("generationConfig");
                return config.has("responseJsonSchema") || config.has("responseSchema");
            }
        };
    }

    static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }
}
