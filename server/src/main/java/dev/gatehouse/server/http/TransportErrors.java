package dev.gatehouse.server.http;

import dev.gatehouse.json.Json;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

/**
 * Answers for requests that fail before routing (malformed HTTP, a header section over the
 * limit), in OpenAI's error format like every other answer. The message is fixed per status:
 * the HTTP layer's own text may quote the offending request, which is not echoed.
 */
final class TransportErrors implements DirectHandler {

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
            ServerResponseHeaders headers, String message) {
        int code = status.code();
        var body = Json.object();
        var error = body.putObject("error");
        error.put("message", switch (code) {
            case 431 -> "The request's header section is larger than this gateway accepts.";
            case 413 -> "The request is larger than this gateway accepts.";
            case 414 -> "The request line (path and query) is longer than this gateway accepts.";
            // Helidon answers an oversized header section with a plain 400 too, without saying which.
            case 400 -> "The request could not be read as HTTP: it is malformed, or its header section is larger "
                    + "than this gateway accepts.";
            default -> "The request could not be handled (HTTP status " + code + ").";
        });
        error.put("type", code >= 500 ? "api_error" : "invalid_request_error");
        error.putNull("param");
        error.put("code", switch (code) {
            case 431 -> "request_header_too_large";
            case 413 -> "request_too_large";
            case 414 -> "request_uri_too_long";
            case 400 -> "malformed_request";
            default -> "transport_error";
        });
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .entity(Json.bytes(body))
                .build();
    }
}
