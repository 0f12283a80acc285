package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;

/**
 * The Responses suite on the OpenAI-compatible family, through Chat Completions, with xAI as
 * its member: it takes {@code reasoning_effort} and {@code response_format} json_schema, and
 * gives reasoning back in {@code reasoning_content} (https://docs.x.ai/docs/guides/reasoning),
 * so every case of the suite means something on it.
 */
class XaiResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new TranslatedUpstream<>(new FakeOpenAi(Dialect.XAI), "xai", "grok-3-mini") {
            @Override
            public void replyReasoningThenText(String reasoning, String text, Tokens tokens) {
                fake.enqueue(Reply.Full.json(200, """
                        {"id":"chatcmpl-reasoning","object":"chat.completion","created":1765000000,"model":"grok-3-mini",
                         "choices":[{"index":0,"message":{"role":"assistant","content":%s,"reasoning_content":%s,
                           "refusal":null},"logprobs":null,"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
                           "completion_tokens_details":{"reasoning_tokens":%d}}}"""
                        .formatted(GeminiResponsesConformanceTest.quote(text),
                                GeminiResponsesConformanceTest.quote(reasoning), tokens.input(), tokens.output(),
                                tokens.input() + tokens.output(), Math.max(1, tokens.output() / 2))));
            }

            @Override
            public boolean asksForReasoning(JsonNode body) {
                return body.path("reasoning_effort").isTextual();
            }

            @Override
            public boolean asksForJsonSchema(JsonNode body) {
                return body.path("response_format").path("type").asText().equals("json_schema");
            }
        };
    }
}
