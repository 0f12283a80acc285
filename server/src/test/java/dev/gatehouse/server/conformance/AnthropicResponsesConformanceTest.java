package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;

/**
 * The Responses suite on Anthropic's Messages API, through the canonical translation:
 * reasoning is asked for with {@code thinking} or {@code output_config.effort}
 * (https://platform.claude.com/docs/en/build-with-claude/extended-thinking) and comes back
 * as thinking blocks; a JSON schema goes in {@code output_config.format}.
 */
class AnthropicResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return upstream();
    }

    /** A new Anthropic upstream, scripted in Anthropic's format. */
    static ResponsesUpstream upstream() {
        return new TranslatedUpstream<>(new FakeAnthropic(), "anthropic", "claude-sonnet-4-5") {
            @Override
            public void replyReasoningThenText(String reasoning, String text, Tokens tokens) {
                fake.replyThinkingThenText(reasoning, text, usage(tokens));
            }

            @Override
            public boolean asksForReasoning(JsonNode body) {
                String thinking = body.path("thinking").path("type").asText();
                return thinking.equals("enabled") || thinking.equals("adaptive")
                        || body.path("output_config").path("effort").isTextual();
            }

            @Override
            public boolean asksForJsonSchema(JsonNode body) {
                return body.path("output_config").path("format").path("type").asText().equals("json_schema");
            }
        };
    }
}
