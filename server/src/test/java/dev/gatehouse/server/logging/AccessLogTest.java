package dev.gatehouse.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.telemetry.GenAiFacts;
import dev.gatehouse.server.telemetry.RequestListener;
import dev.gatehouse.server.telemetry.RequestSummary;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The access log's line for each kind of request, from the summary the request ends with. */
class AccessLogTest {

    private static final Deployment DEPLOYMENT = Deployment.builder("gpt", "openai").upstreamModel("gpt-4o")
            .id("gpt-eu").build();

    private static final RequestListener ACCESS_LOG =
            AccessLog.of(new LoggingSettings(LogFormat.JSON, LogLevel.INFO, true)).orElseThrow();

    private static RequestSummary.ModelRequest modelRequest(Usage usage, BigDecimal cost) {
        return new RequestSummary.ModelRequest("key_abc", "team_ops", "gpt", DEPLOYMENT, 2, List.of(), "gpt-mini",
                usage, cost, "miss", true, new GenAiFacts());
    }

    /** The access-log line of one request ending with {@code summary}, written inside its observation. */
    private static List<JsonNode> lineOf(RequestSummary summary) {
        try (LineCapture capture = LineCapture.accessLog()) {
            new RequestScope(summary.requestId(), List.of(ACCESS_LOG)).endingWith(summary).close();
            return capture.json();
        }
    }

    @Test
    void aModelRequestsLineHasEveryField() {
        RequestSummary summary = new RequestSummary("req-1", "chat", 200, "10.1.2.3", 1_234_567_891L, 1_000_000_000L,
                250_400_000L, null, modelRequest(new Usage(120, 45, 100, null, 7), new BigDecimal("0.000412")));
        List<JsonNode> lines = lineOf(summary);
        assertEquals(1, lines.size(), lines.toString());
        JsonNode line = lines.get(0);
        assertEquals(List.of("timestamp", "level", "logger", "message", "route", "status", "key_id", "team_id",
                "model", "fallback", "deployment", "provider", "attempts", "input_tokens", "output_tokens",
                "cached_tokens", "cost_usd", "stream", "cache", "duration_ms", "upstream_ms", "ttft_ms",
                "client_address", "request_id", "trace_id", "span_id"), LogLinesTest.fieldNames(line));
        assertEquals("INFO", line.get("level").asText());
        assertEquals(AccessLog.LOGGER, line.get("logger").asText());
        assertEquals("chat 200", line.get("message").asText());
        assertEquals("chat", line.get("route").asText());
        assertEquals(200, line.get("status").intValue());
        assertEquals("key_abc", line.get("key_id").asText());
        assertEquals("team_ops", line.get("team_id").asText());
        assertEquals("gpt", line.get("model").asText());
        assertEquals("gpt-mini", line.get("fallback").asText());
        assertEquals("gpt-eu", line.get("deployment").asText());
        assertEquals("openai", line.get("provider").asText());
        assertEquals(2, line.get("attempts").intValue());
        assertEquals(120, line.get("input_tokens").intValue());
        assertEquals(45, line.get("output_tokens").intValue());
        assertEquals(100, line.get("cached_tokens").intValue());
        assertTrue(line.get("cost_usd").isNumber(), line.toString());
        assertNumber("0.000412", line.get("cost_usd"));
        assertTrue(line.get("stream").booleanValue());
        assertEquals("miss", line.get("cache").asText());
        assertNumber("1234.568", line.get("duration_ms"));
        assertNumber("1000.000", line.get("upstream_ms"));
        assertNumber("250.400", line.get("ttft_ms"));
        assertEquals("10.1.2.3", line.get("client_address").asText());
        assertEquals("req-1", line.get("request_id").asText());
        assertEquals(RequestScope.TRACE_ID, line.get("trace_id").asText());
        assertEquals(RequestScope.SPAN_ID, line.get("span_id").asText());
    }

    @Test
    void anAdminRequestsLineHasNoModelFields() {
        JsonNode line = lineOf(new RequestSummary("req-2", "admin", 201, "127.0.0.1", 5_000_000L, 0, null, null,
                null)).get(0);
        assertEquals(List.of("timestamp", "level", "logger", "message", "route", "status", "duration_ms",
                "client_address", "request_id", "trace_id", "span_id"), LogLinesTest.fieldNames(line));
        assertEquals("admin", line.get("route").asText());
        assertEquals(201, line.get("status").intValue());
    }

    @Test
    void aRefusedRequestsLineSaysWhyAndNamesNoKey() {
        JsonNode line = lineOf(new RequestSummary("req-3", "chat", 401, "192.0.2.9", 900_000L, 0, null,
                "authentication_error", new RequestSummary.ModelRequest(null, null, null, null, 0, List.of(), null,
                        null, null, null, false, new GenAiFacts()))).get(0);
        assertEquals(401, line.get("status").intValue());
        assertEquals("authentication_error", line.get("error_type").asText());
        assertEquals(0, line.get("attempts").intValue());
        for (String absent : List.of("key_id", "team_id", "model", "deployment", "input_tokens", "cost_usd")) {
            assertFalse(line.has(absent), absent + " in " + line);
        }
    }

    @Test
    void aFailedRequestsLineNamesTheDeploymentItFailedOn() {
        JsonNode line = lineOf(new RequestSummary("req-4", "chat", 502, "192.0.2.9", 30_000_000L, 29_000_000L, null,
                "upstream_error", modelRequest(null, null))).get(0);
        assertEquals(502, line.get("status").intValue());
        assertEquals("upstream_error", line.get("error_type").asText());
        assertEquals("gpt-eu", line.get("deployment").asText());
        assertFalse(line.has("input_tokens") || line.has("cost_usd"), line.toString());
    }

    @Test
    void aModelNameNoDeploymentServesIsWrittenWithoutAnythingKeyLike() {
        String key = "sk-proj-Rk4Hx83Lq5Zt2WvP9mQ7nB2c";
        JsonNode line = lineOf(new RequestSummary("req-6", "chat", 404, "192.0.2.9", 900_000L, 0, null,
                "invalid_request_error", new RequestSummary.ModelRequest("key_abc", null, "my model " + key, null, 0,
                        List.of(), null, null, null, null, false, new GenAiFacts()))).get(0);
        assertEquals("my model [REDACTED]", line.get("model").asText());
    }

    @Test
    void asTextTheFieldsAreKeyValuePairs() {
        RequestSummary summary = new RequestSummary("req-5", "messages", 200, "::1", 2_000_000L, 1_000_000L, null,
                null, modelRequest(Usage.of(3, 4), new BigDecimal("1E-7")));
        try (LineCapture capture = new LineCapture(AccessLog.LOGGER,
                new LoggingSettings(LogFormat.TEXT, LogLevel.INFO, true))) {
            new RequestScope("req-5", List.of(ACCESS_LOG)).endingWith(summary).close();
            List<String> lines = capture.lines();
            assertEquals(1, lines.size(), lines.toString());
            String line = lines.get(0);
            assertTrue(line.matches("\\S+ INFO gatehouse\\.access route=messages status=200 key_id=key_abc"
                    + " team_id=team_ops model=gpt fallback=gpt-mini deployment=gpt-eu provider=openai attempts=2"
                    + " input_tokens=3 output_tokens=4 cost_usd=0.0000001 stream=true cache=miss duration_ms=2.000"
                    + " upstream_ms=1.000 client_address=::1 request_id=req-5 trace_id=" + RequestScope.TRACE_ID
                    + " span_id=" + RequestScope.SPAN_ID), line);
        }
    }

    /** JSON numbers compared by value: a parser may read {@code 1000.000} as {@code 1000.0}. */
    private static void assertNumber(String expected, JsonNode actual) {
        assertTrue(actual.isNumber(), String.valueOf(actual));
        assertEquals(0, new BigDecimal(expected).compareTo(actual.decimalValue()), expected + " vs " + actual);
    }

    @Test
    void offWritesNothing() {
        assertEquals(Optional.empty(), AccessLog.of(new LoggingSettings(LogFormat.JSON, LogLevel.INFO, false)));
        assertTrue(AccessLog.of(LoggingSettings.DEFAULTS).isPresent(), "on unless the file says otherwise");
    }
}
