package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.properties.Requests;
import dev.gatehouse.provider.Deployment;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every valid OpenAI-format request (with visible text) translates to Gemini's format: without exception when the
 * deployment drops what Gemini can not take, and otherwise either translated or refused with a
 * 400 that names the field — never any other failure.
 */
class GeminiTranslationProperties {

    @Provide
    Arbitrary<ChatRequest> requests() {
        return Requests.requests("test-model");
    }

    /** Requests whose every text has something besides whitespace (Anthropic refuses blank text blocks). */
    @Provide
    Arbitrary<ChatRequest> visibleRequests() {
        return Requests.requests("test-model").filter(Requests::allTextVisible);
    }

    @Property(tries = 300)
    void translatesWhenDropping(@ForAll("visibleRequests") ChatRequest request) {
        ObjectNode body = GeminiRequestMapper.toGemini(request, Deployment.builder("m", "gemini").dropParams(true).build());
        assertNotNull(body);
    }

    @Property(tries = 300)
    void translatesOrNamesTheField(@ForAll("requests") ChatRequest request) {
        try {
            assertNotNull(GeminiRequestMapper.toGemini(request, Deployment.builder("m", "gemini").build()));
        } catch (GatewayException.BadRequest refused) {
            assertNotNull(refused.param(), "a refusal names the field: " + refused.getMessage());
        }
    }
}
