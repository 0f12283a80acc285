package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.properties.Requests;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.properties.Gen;
import dev.gatehouse.properties.Tries;
import org.junit.jupiter.api.Test;

/**
 * Every valid OpenAI-format request (with visible text) translates to Gemini's format: without exception when the
 * deployment drops what Gemini can not take, and otherwise either translated or refused with a
 * 400 that names the field — never any other failure.
 */
class GeminiTranslationProperties {

    private static final Gen<ChatRequest> REQUESTS = Requests.requests("test-model");

    /** Requests whose every text has something besides whitespace (Anthropic refuses blank text blocks). */
    private static final Gen<ChatRequest> VISIBLE_REQUESTS = REQUESTS.filter(Requests::allTextVisible);

    @Test
    void translatesWhenDropping() {
        Tries.forAll(300, VISIBLE_REQUESTS, request -> {
            ObjectNode body = GeminiRequestMapper.toGemini(request, Deployment.builder("m", "gemini").dropParams(true).build());
            assertNotNull(body);
        });
    }

    @Test
    void translatesOrNamesTheField() {
        Tries.forAll(300, REQUESTS, request -> {
            try {
                assertNotNull(GeminiRequestMapper.toGemini(request, Deployment.builder("m", "gemini").build()));
            } catch (GatewayException.BadRequest refused) {
                assertNotNull(refused.param(), "a refusal names the field: " + refused.getMessage());
            }
        });
    }
}
