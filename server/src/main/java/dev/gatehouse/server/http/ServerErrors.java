package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;

/** Failures of the HTTP layer itself, in OpenAI's error format like every other. */
final class ServerErrors {

    private ServerErrors() {}

    /** The request body is larger than the server accepts. */
    static final class TooLarge extends GatewayException.PolicyViolation {
        TooLarge(long limit) {
            super("The request body is larger than this gateway accepts (" + limit + " bytes).", null);
        }

        @Override public int status() { return 413; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "request_too_large"; }
    }

    /** The body is not JSON. */
    static final class UnsupportedMediaType extends GatewayException.PolicyViolation {
        UnsupportedMediaType(String got) {
            super("The request body must be JSON (content-type: application/json), not '" + got + "'.", null);
        }

        UnsupportedMediaType(String got, String expected) {
            super("The request body must be " + expected + ", not '" + got + "'.", null);
        }

        @Override public int status() { return 415; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "unsupported_media_type"; }
    }

    /** A bug or an unexpected failure inside Gatehouse; details go to the log, not the caller. */
    static final class Internal extends GatewayException.PolicyViolation {
        Internal(String requestId) {
            super("Gatehouse failed to handle the request (request id " + requestId + ").", null);
        }

        @Override public int status() { return 500; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "internal_error"; }
    }
}
