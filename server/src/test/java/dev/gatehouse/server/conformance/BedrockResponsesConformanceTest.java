package dev.gatehouse.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.util.Map;

/**
 * The Responses suite on Bedrock's Converse API (every request signed with SigV4, which the
 * fake recomputes), through the canonical translation: reasoning is asked for in
 * {@code additionalModelRequestFields} and comes back as {@code reasoningContent} blocks
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ReasoningContentBlock.html);
 * a JSON schema goes in {@code outputConfig.textFormat}.
 */
class BedrockResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new TranslatedUpstream<>(new FakeBedrock(), "bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0") {
            @Override
            Deployment.Builder configure(Deployment.Builder deployment) {
                return deployment.apiKey(null)
                        .options(Map.of("region", FakeBedrock.REGION))
                        .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                        .credential("aws_secret_access_key", Secret.of(fake.apiKey()));
            }

            @Override
            public void replyReasoningThenText(String reasoning, String text, Tokens tokens) {
                fake.enqueue(new Reply.Full(200, Map.of("content-type", "application/json",
                        "x-amzn-requestid", "reasoning-1"), """
                        {"output":{"message":{"role":"assistant","content":[
                          {"reasoningContent":{"reasoningText":{"text":%s,"signature":"sig-1"}}},{"text":%s}]}},
                         "stopReason":"end_turn",
                         "usage":{"inputTokens":%d,"outputTokens":%d,"totalTokens":%d},"metrics":{"latencyMs":12}}"""
                        .formatted(GeminiResponsesConformanceTest.quote(reasoning),
                                GeminiResponsesConformanceTest.quote(text), tokens.input(), tokens.output(),
                                tokens.input() + tokens.output()).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }

            @Override
            public boolean asksForReasoning(JsonNode body) {
                JsonNode extra = body.path("additionalModelRequestFields");
                return extra.has("thinking") || extra.has("reasoning_config") || extra.has("reasoning_effort")
                        || extra.has("output_config");
            }

            @Override
            public boolean asksForJsonSchema(JsonNode body) {
                return body.path("outputConfig").path("textFormat").path("type").asText().equals("json_schema");
            }
        };
    }
}
