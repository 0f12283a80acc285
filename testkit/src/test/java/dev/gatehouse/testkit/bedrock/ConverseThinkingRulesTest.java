package dev.gatehouse.testkit.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fake refuses a Converse request with thinking on as Claude on Bedrock does. */
class ConverseThinkingRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ISSUED = Map.of("sig_fake_1", "Let me see.", "cmVkYWN0ZWQ=", "");

    private static Optional<String> check(String assistantFirstBlock, String extra) throws Exception {
        JsonNode body = JSON.readTree("""
                {"messages":[{"role":"user","content":[{"text":"Weather?"}]},
                  {"role":"assistant","content":[%s{"toolUse":{"toolUseId":"t1","name":"w","input":{}}}]},
                  {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"text":"Sunny"}]}}]}],
                 "toolConfig":{"tools":[{"toolSpec":{"name":"w","inputSchema":{"json":{"type":"object"}}}}]},
                 "inferenceConfig":{"maxTokens":4096%s},
                 "additionalModelRequestFields":{"thinking":{"type":"enabled","budget_tokens":1024}}}
                """.formatted(assistantFirstBlock, extra));
        return ConverseThinkingRules.check(body, ISSUED);
    }

    @Test
    void aSignedToolTurnPasses() throws Exception {
        assertEquals(Optional.empty(), check("{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me see.\",\"signature\":\"sig_fake_1\"}}},", ""));
        assertEquals(Optional.empty(), check("{\"reasoningContent\":{\"redactedContent\":\"cmVkYWN0ZWQ=\"}},", ""));
    }

    @Test
    void aToolTurnWithoutItsReasoningIsRefused() throws Exception {
        assertTrue(check("", "").orElseThrow().contains("must start with a thinking block"));
    }

    @Test
    void aForgedSignatureOrAChangedTextIsRefused() throws Exception {
        assertTrue(check("{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me see!\",\"signature\":\"sig_fake_1\"}}},", "")
                .orElseThrow().contains("signature"));
        assertTrue(check("{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me see.\",\"signature\":\"sig_fake_999\"}}},", "")
                .orElseThrow().contains("signature"));
    }

    @Test
    void settingsThinkingForbidsAreRefused() throws Exception {
        String signed = "{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Let me see.\",\"signature\":\"sig_fake_1\"}}},";
        assertTrue(check(signed, ",\"temperature\":0.2").orElseThrow().contains("temperature"));
        assertTrue(check(signed, ",\"topP\":0.5").orElseThrow().contains("top_p"));
    }
}
