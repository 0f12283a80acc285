package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Gemini's {@code google.rpc.Status} errors → Gatehouse error kinds. Status codes from
 * https://ai.google.dev/gemini-api/docs/troubleshooting; bodies as the API returns them.
 */
class GeminiErrorsTest {

    static String status(int code, String status, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\",\"status\":\"" + status + "\"}}";
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "400 | INVALID_ARGUMENT   | Request contains an invalid argument.             | BadRequest          | 400",
        "400 | FAILED_PRECONDITION | User location is not supported for the API use.  | BadRequest          | 400",
        "400 | INVALID_ARGUMENT   | The input token count (1200293) exceeds the maximum number of tokens allowed (1048576). | ContextLengthExceeded | 400",
        "401 | UNAUTHENTICATED    | Request had invalid authentication credentials.   | Authentication      | 401",
        "403 | PERMISSION_DENIED  | The caller does not have permission               | PermissionDenied    | 403",
        "403 | PERMISSION_DENIED  | Your API key was reported as leaked. Please use another API key. | Authentication | 401",
        "404 | NOT_FOUND          | models/gemini-9 is not found for API version v1beta | NotFound          | 404",
        "429 | RESOURCE_EXHAUSTED | Resource has been exhausted (e.g. check quota).   | RateLimited         | 429",
        "500 | INTERNAL           | An internal error has occurred.                   | UpstreamServerError | 500",
        "503 | UNAVAILABLE        | The model is overloaded. Please try again later.  | UpstreamServerError | 503",
        "504 | DEADLINE_EXCEEDED  | Deadline expired before operation could complete. | UpstreamServerError | 504"})
    void statusTable(int code, String status, String message, String kind, int gatehouseStatus) {
        String body = status(code, status, message);
        GatewayException error = GeminiErrors.fromHttp(code, body, null);
        assertEquals(kind, error.getClass().getSimpleName());
        assertEquals(gatehouseStatus, error.status());
        assertEquals(body, error.upstreamBody().orElseThrow(), "the upstream body is kept for logs");
    }

    @Test
    @DisplayName("an invalid key is a 400 INVALID_ARGUMENT with ErrorInfo API_KEY_INVALID")
    void invalidKey() {
        String body = """
                {"error":{"code":400,"message":"API key not valid. Please pass a valid API key.",
                  "status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo",
                  "reason":"API_KEY_INVALID","domain":"googleapis.com",
                  "metadata":{"service":"generativelanguage.googleapis.com"}},
                  {"@type":"type.googleapis.com/google.rpc.DebugInfo",
                   "detail":"Invalid API key: AIzaTESTONLY-not-a-real-key-0000000000"}]}}""";
        GatewayException error = GeminiErrors.fromHttp(400, body, null);
        assertInstanceOf(GatewayException.Authentication.class, error);
        assertFalse(error.upstreamBody().orElseThrow().contains("AIzaTESTONLY"), "the key is redacted");
    }

    @Test
    @DisplayName("429 RESOURCE_EXHAUSTED: the delay from RetryInfo.retryDelay, else the retry-after header")
    void rateLimits() {
        String withRetryInfo = """
                {"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[
                    {"quotaMetric":"generativelanguage.googleapis.com/generate_content_free_tier_requests",
                     "quotaId":"GenerateRequestsPerMinutePerProjectPerModel-FreeTier"}]},
                    {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""";
        GatewayException.RateLimited limited = assertInstanceOf(GatewayException.RateLimited.class,
                GeminiErrors.fromHttp(429, withRetryInfo, "5"));
        assertEquals(Duration.ofSeconds(37), limited.retryAfter().orElseThrow());
        assertTrue(limited.retryable());

        GatewayException.RateLimited fromHeader = assertInstanceOf(GatewayException.RateLimited.class,
                GeminiErrors.fromHttp(429, status(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted"), "5"));
        assertEquals(Duration.ofSeconds(5), fromHeader.retryAfter().orElseThrow());

        GatewayException.RateLimited daily = assertInstanceOf(GatewayException.RateLimited.class,
                GeminiErrors.fromHttp(429, withRetryInfo.replace("PerMinute", "PerDay"), null));
        assertFalse(daily.retryable(), "a daily quota does not come back by waiting");
        assertEquals("insufficient_quota", daily.code());
    }

    @Test
    void bodiesThatAreArraysOrNotJson() {
        GatewayException fromArray = GeminiErrors.fromHttp(400,
                "[" + status(400, "INVALID_ARGUMENT",
                        "The input token count (3475108) exceeds the maximum number of tokens allowed (1048576).") + "]",
                null);
        assertInstanceOf(GatewayException.ContextLengthExceeded.class, fromArray);

        GatewayException html = GeminiErrors.fromHttp(502, "<html>Bad Gateway</html>", null);
        assertInstanceOf(GatewayException.UpstreamServerError.class, html);
        assertEquals("Gemini: HTTP 502", html.getMessage());
    }
}
