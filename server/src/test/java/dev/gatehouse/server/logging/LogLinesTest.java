package dev.gatehouse.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.telemetry.LogContext;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** One record, one line: JSON lines that parse and carry the request's ids, text lines that never break. */
class LogLinesTest {

    private static final LogContext.Ids IDS = new LogContext.Ids("req-1", "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331");
    private static final String AWKWARD = "line one\nline two\r\n\"quoted\" \\ tab\t \u2028 bell\u0007 é {0} it's";

    private static LogRecord record(Level level, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("dev.gatehouse.server.Example");
        record.setInstant(Instant.parse("2026-12-07T06:10:00Z"));
        record.setThrown(thrown);
        return record;
    }

    static JsonNode json(LogRecord record, LogContext.Ids ids, boolean stackTraces) throws IOException {
        String line = new JsonLine().line(LogEntry.of(record, ids, stackTraces));
        assertFalse(line.contains("\n") || line.contains("\r"), line);
        return Json.mapper().readTree(line);
    }

    static String text(LogRecord record, LogContext.Ids ids, boolean stackTraces) {
        String line = new TextLine().line(LogEntry.of(record, ids, stackTraces));
        assertEquals(1, line.lines().count(), line);
        assertFalse(line.contains("\u2028") || line.contains("\u0007"), line);
        return line;
    }

    @Test
    void aJsonLineHasTheTimestampLevelLoggerMessageAndTheRequestsIds() throws IOException {
        JsonNode line = json(record(Level.WARNING, AWKWARD, null), IDS, false);
        assertEquals("2026-12-07T06:10:00.000Z", line.get("timestamp").asText());
        assertEquals("WARN", line.get("level").asText());
        assertEquals("dev.gatehouse.server.Example", line.get("logger").asText());
        assertEquals(AWKWARD, line.get("message").asText(), "the message as written, whatever it holds");
        assertEquals("req-1", line.get("request_id").asText());
        assertEquals(IDS.traceId(), line.get("trace_id").asText());
        assertEquals(IDS.spanId(), line.get("span_id").asText());
        assertEquals(List.of("timestamp", "level", "logger", "message", "request_id", "trace_id", "span_id"),
                fieldNames(line));
    }

    @Test
    void outsideARequestOrUntracedTheIdsThatAreNotKnownAreLeftOut() throws IOException {
        assertEquals(List.of("timestamp", "level", "logger", "message"),
                fieldNames(json(record(Level.INFO, "started", null), null, false)));
        JsonNode untraced = json(record(Level.INFO, "x", null), new LogContext.Ids("req-2", null, null), false);
        assertEquals("req-2", untraced.get("request_id").asText());
        assertFalse(untraced.has("trace_id") || untraced.has("span_id"), untraced.toString());
    }

    @Test
    void levelsReadByTheirUsualNames() throws IOException {
        assertEquals("ERROR", json(record(Level.SEVERE, "x", null), null, false).get("level").asText());
        assertEquals("INFO", json(record(Level.INFO, "x", null), null, false).get("level").asText());
        assertEquals("DEBUG", json(record(Level.CONFIG, "x", null), null, false).get("level").asText());
        assertEquals("DEBUG", json(record(Level.FINE, "x", null), null, false).get("level").asText());
        assertEquals("TRACE", json(record(Level.FINER, "x", null), null, false).get("level").asText());
    }

    @Test
    void anExceptionIsItsTypeAndMessageAndItsStackTraceOnlyAtDebug() throws IOException {
        IllegalStateException failure = new IllegalStateException("pool\nexhausted",
                new java.io.IOException("socket closed"));
        JsonNode atInfo = json(record(Level.WARNING, "the spend writer failed", failure), null, false);
        assertEquals("java.lang.IllegalStateException", atInfo.get("exception.type").asText());
        assertEquals("pool\nexhausted", atInfo.get("exception.message").asText());
        assertFalse(atInfo.has("exception.stacktrace"), atInfo.toString());

        JsonNode atDebug = json(record(Level.WARNING, "the spend writer failed", failure), null, true);
        String stack = atDebug.get("exception.stacktrace").asText();
        assertTrue(stack.startsWith("java.lang.IllegalStateException: pool"), stack);
        // Without the package: a credential registered by another test may be a word of it, and is redacted.
        assertTrue(stack.contains("LogLinesTest.anExceptionIsItsTypeAndMessageAndItsStackTraceOnlyAtDebug"), stack);
        assertTrue(stack.contains("Caused by: java.io.IOException: socket closed"), stack);

        String textAtInfo = text(record(Level.WARNING, "the spend writer failed", failure), null, false);
        assertTrue(textAtInfo.endsWith(" exception.type=java.lang.IllegalStateException"
                + " exception.message=\"pool\\nexhausted\""), textAtInfo);
        String textAtDebug = text(record(Level.WARNING, "the spend writer failed", failure), null, true);
        assertTrue(textAtDebug.contains(" exception.stacktrace=\"java.lang.IllegalStateException: pool\\nexhausted\\n"),
                textAtDebug);
        assertTrue(textAtDebug.contains("Caused by: java.io.IOException: socket closed"), textAtDebug);
    }

    @Test
    void aTextLineIsOneLineWithTheIdsAfterTheMessage() {
        String line = text(record(Level.INFO, "Gatehouse started", null), IDS, false);
        assertEquals("2026-12-07T06:10:00.000Z INFO dev.gatehouse.server.Example Gatehouse started request_id=req-1"
                + " trace_id=0af7651916cd43dd8448eb211c80319c span_id=b7ad6b7169203331", line);
        String awkward = text(record(Level.INFO, AWKWARD, null), null, false);
        assertEquals("2026-12-07T06:10:00.000Z INFO dev.gatehouse.server.Example line one\\nline two\\r\\n"
                + "\"quoted\" \\ tab\\t \\u2028 bell\\u0007 é {0} it's", awkward);
    }

    @Test
    void credentialsInMessagesAndExceptionsAreRedacted() throws IOException {
        String key = "sk-proj-Rk4Hx83Lq5Zt2WvP9mQ7nB2c";
        JsonNode line = json(record(Level.WARNING, "upstream said: Incorrect API key provided: " + key,
                new IllegalStateException("echoed " + key)), null, true);
        assertFalse(line.toString().contains("Rk4Hx83Lq5"), line.toString());
        assertTrue(line.get("message").asText().contains("[REDACTED]"), line.toString());
        assertFalse(text(record(Level.WARNING, "key " + key, new IllegalStateException(key)), null, true)
                .contains("Rk4Hx83Lq5"));
    }

    @Test
    void anotherLibrarysParameterizedMessageIsPutTogether() throws IOException {
        LogRecord record = record(Level.INFO, "Started all channels in {0} milliseconds", null);
        record.setParameters(new Object[] {42});
        assertEquals("Started all channels in 42 milliseconds", json(record, null, false).get("message").asText());
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
