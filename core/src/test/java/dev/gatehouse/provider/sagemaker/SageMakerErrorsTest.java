package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * InvokeEndpoint's errors (API_runtime_InvokeEndpoint.html#API_runtime_InvokeEndpoint_Errors) and
 * ModelError's fields as botocore documents them
 * (https://docs.aws.amazon.com/botocore/latest/reference/services/sagemaker-runtime/client/exceptions/ModelError.html).
 */
class SageMakerErrorsTest {

    private static final String TYPE = ":http://internal.amazon.com/coral/com.amazon.sagemaker.runtime/";

    @Test
    void aContainersRefusalIsABadRequestOrAContextOverflowByItsMessage() {
        String tooLong = "{\"ErrorCode\":\"CLIENT_ERROR_FROM_MODEL\",\"Message\":\"Received client error (422) from"
                + " primary\",\"OriginalMessage\":\"Input validation error: `inputs` tokens + `max_new_tokens` must be"
                + " <= 4096. Given: 4000 `inputs` tokens and 200 `max_new_tokens`\",\"OriginalStatusCode\":422}";
        assertInstanceOf(GatewayException.ContextLengthExceeded.class,
                SageMakerErrors.fromResponse(424, "ModelError" + TYPE, null, tooLong));
        String invalid = "{\"Message\":\"Received client error (422)\",\"OriginalMessage\":\"Input validation error:"
                + " `temperature` must be strictly positive\",\"OriginalStatusCode\":422}";
        assertInstanceOf(GatewayException.BadRequest.class, SageMakerErrors.fromResponse(424, "ModelError" + TYPE, null,
                invalid));
    }

    @Test
    void aContainersFailureIsAnUpstreamErrorAndItsOverloadARateLimit() {
        GatewayException failed = SageMakerErrors.fromResponse(424, "ModelError" + TYPE, null,
                "{\"Message\":\"Received server error (500)\",\"OriginalStatusCode\":500}");
        assertInstanceOf(GatewayException.UpstreamServerError.class, failed);
        assertEquals(502, failed.status());
        GatewayException busy = SageMakerErrors.fromResponse(424, "ModelError" + TYPE, null,
                "{\"Message\":\"Received client error (429)\",\"OriginalStatusCode\":429}");
        assertTrue(assertInstanceOf(GatewayException.RateLimited.class, busy).retryable());
    }

    @Test
    void sageMakersOwnErrorsKeepTheirKind() {
        assertInstanceOf(GatewayException.NotFound.class, SageMakerErrors.fromResponse(400, "ValidationError" + TYPE, null,
                "{\"Message\":\"Endpoint my-endpoint of account 123456789012 not found.\"}"));
        GatewayException.RateLimited notReady = assertInstanceOf(GatewayException.RateLimited.class,
                SageMakerErrors.fromResponse(429, "ModelNotReadyException" + TYPE, "3", "{\"Message\":\"loading\"}"));
        assertEquals(Duration.ofSeconds(3), notReady.retryAfter().orElseThrow());
        assertEquals(503, SageMakerErrors.fromResponse(503, "ServiceUnavailable" + TYPE, null, "{}").status());
        assertEquals(502, SageMakerErrors.fromResponse(530, "InternalDependencyException" + TYPE, null, "{}").status());
        assertInstanceOf(GatewayException.Authentication.class,
                SageMakerErrors.fromResponse(403, "InvalidSignatureException", null, "{\"message\":\"bad\"}"));
        assertInstanceOf(GatewayException.BadRequest.class, SageMakerErrors.fromResponse(400, null, null, "<html>"));
    }

    @Test
    void aStreamsErrorIsARetryableUpstreamFailure() {
        GatewayException error = SageMakerErrors.fromStreamException("ModelStreamError",
                "{\"Message\":\"timed out\",\"ErrorCode\":\"ModelInvocationTimeExceeded\"}");
        assertInstanceOf(GatewayException.UpstreamServerError.class, error);
        assertTrue(error.retryable());
        assertTrue(error.getMessage().contains("timed out"));
    }
}
