package dev.gatehouse.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Bedrock's error types → Gatehouse's kinds, as
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 * lists them; the header form is what AWS sends ({@code x-amzn-ErrorType: Type:namespace}).
 */
class BedrockErrorsTest {

    private static GatewayException http(int status, String type, String message) {
        return BedrockErrors.fromResponse(status, type + ":http://internal.amazon.com/coral/com.amazon.bedrock/", null,
                "{\"message\":\"" + message + "\"}", Clock.systemUTC());
    }

    @Test
    void mapsEachDocumentedType() {
        assertInstanceOf(GatewayException.BadRequest.class, http(400, "ValidationException", "Malformed input request"));
        assertInstanceOf(GatewayException.ContextLengthExceeded.class,
                http(400, "ValidationException", "Input is too long for requested model."));
        assertInstanceOf(GatewayException.PermissionDenied.class, http(403, "AccessDeniedException", "no access"));
        assertInstanceOf(GatewayException.Authentication.class,
                http(403, "UnrecognizedClientException", "The security token included in the request is invalid."));
        assertInstanceOf(GatewayException.Authentication.class, http(403, "InvalidSignatureException", "mismatch"));
        assertInstanceOf(GatewayException.Authentication.class, http(403, "ExpiredTokenException", "expired"));
        assertInstanceOf(GatewayException.NotFound.class, http(404, "ResourceNotFoundException", "no model"));
        GatewayException throttled = http(429, "ThrottlingException", "Too many requests");
        assertInstanceOf(GatewayException.RateLimited.class, throttled);
        assertTrue(throttled.retryable());
        GatewayException quota = http(400, "ServiceQuotaExceededException", "quota");
        assertInstanceOf(GatewayException.RateLimited.class, quota);
        assertFalse(quota.retryable());
        assertInstanceOf(GatewayException.UpstreamTimeout.class, http(408, "ModelTimeoutException", "slow"));
        assertEquals(502, http(424, "ModelErrorException", "model failed").status());
        assertEquals(500, http(500, "InternalServerException", "oops").status());
        GatewayException unavailable = http(503, "ServiceUnavailableException", "down");
        assertEquals(503, unavailable.status());
        assertTrue(unavailable.retryable());
    }

    @Test
    void theTypeMayComeInTheBodyOrNotAtAll() {
        assertInstanceOf(GatewayException.NotFound.class, BedrockErrors.fromResponse(404, null, null,
                "{\"__type\":\"com.amazon.bedrock#ResourceNotFoundException\",\"message\":\"x\"}", Clock.systemUTC()));
        assertInstanceOf(GatewayException.RateLimited.class,
                BedrockErrors.fromResponse(429, null, null, "<html>busy</html>", Clock.systemUTC()));
        assertEquals(502, BedrockErrors.fromResponse(502, null, null, "", Clock.systemUTC()).status());
    }

    @Test
    void aRetryAfterHeaderIsKept() {
        GatewayException.RateLimited limited = (GatewayException.RateLimited) BedrockErrors.fromResponse(429,
                "ThrottlingException", "3", "{\"message\":\"slow down\"}", Clock.systemUTC());
        assertEquals(Duration.ofSeconds(3), limited.retryAfter().orElseThrow());
    }

    @Test
    void streamExceptionsUseTheLowerCamelNames() {
        assertInstanceOf(GatewayException.RateLimited.class,
                BedrockErrors.fromStreamException("throttlingException", "{\"message\":\"slow\"}"));
        assertInstanceOf(GatewayException.BadRequest.class,
                BedrockErrors.fromStreamException("validationException", "{\"message\":\"bad\"}"));
        assertEquals(502, BedrockErrors.fromStreamException("modelStreamErrorException", "{\"message\":\"x\"}").status());
        assertEquals(500, BedrockErrors.fromStreamException("internalServerException", "{\"message\":\"x\"}").status());
        assertEquals(503, BedrockErrors.fromStreamException("serviceUnavailableException", "{}").status());
        assertEquals(502, BedrockErrors.fromStreamException("somethingNewException", "{}").status());
    }
}
