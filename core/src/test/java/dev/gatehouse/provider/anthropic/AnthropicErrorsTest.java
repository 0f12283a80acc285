package dev.gatehouse.provider.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Error bodies and statuses as https://platform.claude.com/docs/en/api/errors lists them. */
class AnthropicErrorsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static String body(String type, String message) {
        return "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";
    }

    private static GatewayException map(int status, String type, String message) {
        return AnthropicErrors.fromResponse(status, Map.of(), body(type, message), CLOCK);
    }

    @DisplayName("status + error type → kind, caller status and retry flag (docs: api/errors)")
    @ParameterizedTest(name = "{0} {1} → {3} {4}")
    @CsvSource({
        "400, invalid_request_error, 'messages: field required',                     BadRequest,            400, false",
        "400, invalid_request_error, 'prompt is too long: 200679 tokens > 199999 maximum', ContextLengthExceeded, 400, false",
        "401, authentication_error,  'invalid x-api-key',                            Authentication,        401, false",
        "402, billing_error,         'Your credit balance is too low',               RateLimited,           429, false",
        "403, permission_error,      'Your API key does not have permission',        PermissionDenied,      403, false",
        "404, not_found_error,       'model: claude-nope',                           NotFound,              404, false",
        "413, request_too_large,     'Request exceeds the maximum allowed number of bytes', BadRequest,     400, false",
        "429, rate_limit_error,      'Number of request tokens has exceeded your per-minute rate limit', RateLimited, 429, true",
        "500, api_error,             'Internal server error',                        UpstreamServerError,   500, true",
        "504, timeout_error,         'Request timed out',                            UpstreamServerError,   504, true",
        "529, overloaded_error,      'Overloaded',                                   UpstreamServerError,   503, true",
        "429, overloaded_error,      'Overloaded',                                   UpstreamServerError,   503, true",
        "409, conflict_error,        'conflict',                                     BadRequest,            400, false",
        "503, some_new_error,        'unavailable',                                  UpstreamServerError,   503, true",
    })
    void mapsEveryDocumentedError(int status, String type, String message, String kind, int callerStatus,
            boolean retryable) {
        GatewayException error = map(status, type, message);
        assertEquals(kind, error.getClass().getSimpleName());
        assertEquals(callerStatus, error.status());
        assertEquals(retryable, error.retryable());
        assertTrue(error.upstreamBody().orElseThrow().contains(type), "the upstream body is kept for logs");
    }

    @Test
    void billingIsAnExhaustedQuota() {
        GatewayException.RateLimited error = assertInstanceOf(GatewayException.RateLimited.class,
                map(402, "billing_error", "Your credit balance is too low"));
        assertEquals("insufficient_quota", error.code());
        assertTrue(error.retryAfter().isEmpty());
    }

    @Test
    void retryAfterSecondsAreParsed() {
        GatewayException error = AnthropicErrors.fromResponse(429, Map.of("retry-after", List.of("7")),
                body("rate_limit_error", "rate limited"), CLOCK);
        GatewayException.RateLimited limited = assertInstanceOf(GatewayException.RateLimited.class, error);
        assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow());
        assertEquals("rate_limit_exceeded", limited.code());
    }

    @Test
    void retryAfterAsAnHttpDateIsParsed() {
        GatewayException error = AnthropicErrors.fromResponse(429,
                Map.of("retry-after", List.of("Thu, 01 Jan 2026 00:00:30 GMT")), body("rate_limit_error", "x"), CLOCK);
        assertEquals(Duration.ofSeconds(30),
                assertInstanceOf(GatewayException.RateLimited.class, error).retryAfter().orElseThrow());
    }

    @Test
    void overloadKeepsTheUpstreamStatus() {
        GatewayException.UpstreamServerError error = assertInstanceOf(GatewayException.UpstreamServerError.class,
                map(529, "overloaded_error", "Overloaded"));
        assertEquals(529, error.upstreamStatus());
        assertEquals(503, error.status());
    }

    @Test
    void aBodyThatIsNotJsonIsJudgedByItsStatus() {
        GatewayException error = AnthropicErrors.fromResponse(502, Map.of(), "<html>Bad Gateway</html>", CLOCK);
        assertEquals(502, assertInstanceOf(GatewayException.UpstreamServerError.class, error).status());
        GatewayException limited = AnthropicErrors.fromResponse(429, Map.of("retry-after", List.of("3")), "", CLOCK);
        assertEquals(Duration.ofSeconds(3),
                assertInstanceOf(GatewayException.RateLimited.class, limited).retryAfter().orElseThrow());
        assertInstanceOf(GatewayException.Authentication.class, AnthropicErrors.fromResponse(401, Map.of(), "", CLOCK));
    }

    @Test
    @DisplayName("an error event in a stream (docs: build-with-claude/streaming#error-events)")
    void streamErrorEvent() {
        GatewayException error = AnthropicErrors.fromStreamEvent(
                "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\", \"message\": \"Overloaded\"}}");
        GatewayException.UpstreamServerError overloaded = assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertEquals(529, overloaded.upstreamStatus());
        assertEquals(503, overloaded.status());
        GatewayException unknown = AnthropicErrors.fromStreamEvent("{\"type\":\"error\",\"error\":{\"type\":\"new_kind\"}}");
        assertEquals(502, assertInstanceOf(GatewayException.UpstreamServerError.class, unknown).status());
        assertTrue(unknown.retryable());
    }

    @Test
    void requestErrorsTellTheCallerWhatAnthropicSaid() {
        GatewayException error = map(400, "invalid_request_error", "temperature: Input should be less than or equal to 1");
        assertTrue(error.getMessage().contains("temperature: Input should be less than or equal to 1"), error.getMessage());
    }

    @Test
    void noCredentialReachesTheMessageOrTheLogBody() {
        String key = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789";
        GatewayException auth = map(401, "authentication_error", "invalid x-api-key " + key);
        assertFalse(auth.getMessage().contains(key));
        assertFalse(auth.upstreamBody().orElseThrow().contains(key));
        GatewayException bad = map(400, "invalid_request_error", "echoed " + key);
        assertFalse(bad.getMessage().contains(key), bad.getMessage());
        assertFalse(bad.upstreamBody().orElseThrow().contains(key));
    }
}
