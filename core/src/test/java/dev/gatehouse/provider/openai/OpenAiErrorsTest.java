package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Status mapping per OpenAI's error-code guide, https://platform.openai.com/docs/guides/error-codes
 * (bodies as shown in the API reference's error object).
 */
class OpenAiErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    private static GatewayException map(int status, String body, String retryAfter) {
        return OpenAiErrors.fromStatus(status, body, retryAfter, CompatibleProfiles.OPENAI, CLOCK);
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    @Test
    void contextLengthByCodeOrMessage() {
        assertInstanceOf(GatewayException.ContextLengthExceeded.class,
                map(400, error("too long", "invalid_request_error", "context_length_exceeded"), null));
        assertInstanceOf(GatewayException.ContextLengthExceeded.class, map(400, error(
                "This model's maximum context length is 8192 tokens.", "invalid_request_error", null), null));
    }

    /**
     * Azure's images API refuses a prompt, or a drawn image, with code contentFilter and a created
     * stamp beside the error (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
     */
    @Test
    void azuresImageContentFilterRefusalIsContentFiltered() {
        GatewayException error = OpenAiErrors.fromStatus(400, "{\"created\":1698435368,\"error\":{\"code\":"
                + "\"contentFilter\",\"message\":\"Generated image was filtered as a result of our safety system.\"}}",
                null, CompatibleProfiles.AZURE, CLOCK);
        GatewayException.ContentFiltered filtered = assertInstanceOf(GatewayException.ContentFiltered.class, error);
        assertTrue(filtered.getMessage().startsWith("Azure OpenAI refused the prompt under its content policy"),
                filtered.getMessage());
        assertTrue(filtered.getMessage().contains("Generated image was filtered"), filtered.getMessage());
    }

    @Test
    void badRequestKeepsTheUpstreamReasonAndParam() {
        GatewayException error = map(400, "{\"error\":{\"message\":\"Invalid value for 'top_p'.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"top_p\",\"code\":null}}", null);
        GatewayException.BadRequest bad = assertInstanceOf(GatewayException.BadRequest.class, error);
        assertEquals("top_p", bad.param());
        assertTrue(bad.getMessage().contains("Invalid value for 'top_p'."), bad.getMessage());
    }

    @Test
    void rateLimitsAndQuota() {
        GatewayException.RateLimited limited = assertInstanceOf(GatewayException.RateLimited.class,
                map(429, error("Rate limit reached", "requests", "rate_limit_exceeded"), "20"));
        assertEquals(Duration.ofSeconds(20), limited.retryAfter().orElseThrow());
        assertTrue(limited.retryable());
        GatewayException.RateLimited quota = assertInstanceOf(GatewayException.RateLimited.class,
                map(429, error("You exceeded your current quota", "insufficient_quota", "insufficient_quota"), null));
        assertFalse(quota.retryable(), "an exhausted quota does not come back by retrying");
        assertEquals("insufficient_quota", quota.code());
    }

    @Test
    void theRestOfTheTable() {
        assertInstanceOf(GatewayException.Authentication.class, map(401, error("bad key", "x", "invalid_api_key"), null));
        assertInstanceOf(GatewayException.PermissionDenied.class, map(403, error("no", "x", null), null));
        assertInstanceOf(GatewayException.NotFound.class, map(404, error("no model", "x", "model_not_found"), null));
        assertInstanceOf(GatewayException.ContentFiltered.class, map(400, error("policy", "x", "content_policy_violation"), null));
        assertEquals(503, map(503, error("overloaded", "server_error", null), null).status());
        assertEquals(502, map(520, "<html>", null).status());
        assertInstanceOf(GatewayException.BadRequest.class, map(409, "", null));
    }

    @Test
    void anEchoedKeyNeverReachesTheMessageOrTheLogBody() {
        String key = "sk-proj-AbCdEf0123456789AbCdEf0123456789";
        GatewayException error = map(401, error("Incorrect API key provided: " + key, "invalid_request_error",
                "invalid_api_key"), null);
        assertFalse(error.getMessage().contains(key));
        assertFalse(error.upstreamBody().orElseThrow().contains(key));
        GatewayException bad = map(400, error("bad key " + key, "invalid_request_error", null), null);
        assertFalse(bad.getMessage().contains(key), bad.getMessage());
    }
}
