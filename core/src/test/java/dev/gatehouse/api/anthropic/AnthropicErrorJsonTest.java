package dev.gatehouse.api.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Failures in Anthropic's error format and status codes (https://platform.claude.com/docs/en/api/errors). */
class AnthropicErrorJsonTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new GatewayException.BadRequest("bad", "x"), 400, "invalid_request_error"),
                Arguments.of(new GatewayException.Authentication("no", null), 401, "authentication_error"),
                Arguments.of(new GatewayException.PermissionDenied("no", null), 403, "permission_error"),
                Arguments.of(GatewayException.NotFound.model("m"), 404, "not_found_error"),
                Arguments.of(new GatewayException.RateLimited("slow", Duration.ofSeconds(7), false, null), 429,
                        "rate_limit_error"),
                Arguments.of(new GatewayException.RateLimited("out of credit", null, true, null), 402, "billing_error"),
                Arguments.of(new GatewayException.UpstreamServerError("overloaded", 529, null), 529, "overloaded_error"),
                Arguments.of(new GatewayException.UpstreamServerError("unavailable", 503, null), 529, "overloaded_error"),
                Arguments.of(new GatewayException.UpstreamServerError("broken", 500, null), 500, "api_error"),
                Arguments.of(new GatewayException.UpstreamServerError("odd", 418, null), 502, "api_error"),
                Arguments.of(new GatewayException.UpstreamTimeout("slow", null), 504, "timeout_error"),
                Arguments.of(new GatewayException.TransportFailure("gone", null), 502, "api_error"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void statusAndType(GatewayException failure, int status, String type) {
        assertEquals(status, AnthropicErrorJson.status(failure));
        JsonNode body = AnthropicErrorJson.write(failure, "req_1");
        ObjectNode expected = Json.object().put("type", "error");
        expected.putObject("error").put("type", type).put("message", failure.getMessage());
        expected.put("request_id", "req_1");
        assertEquals(expected, body);
    }
}
