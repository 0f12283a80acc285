package dev.gatehouse.server.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** The handler: which records it writes at each level, the request ids read where the record is logged, whole lines. */
class LineHandlerTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private static LogRecord record(String logger, Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        return record;
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** The messages of the records {@code level} lets through, out of one of each kind. */
    private List<String> written(LogLevel level) {
        out.reset();
        LineHandler handler = new LineHandler(out, new LoggingSettings(LogFormat.TEXT, level, true));
        for (String logger : List.of("dev.gatehouse.server.Gatehouse", "io.helidon.webserver.LoomServer",
                "com.zaxxer.hikari.HikariDataSource")) {
            for (Level each : List.of(Level.SEVERE, Level.WARNING, Level.INFO, Level.FINE, Level.FINEST)) {
                handler.publish(record(logger, each, logger.substring(0, 3) + "/" + each.getName()));
            }
        }
        handler.publish(record(AccessLog.LOGGER, Level.INFO, "gat/INFO")); // every access-log line is at info
        return lines().stream().map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
    }

    @Test
    void gatehousesOwnRecordsFollowTheLevelOtherLibrariesStayAtInfoOrAbove() {
        assertEquals(List.of("dev/SEVERE", "dev/WARNING", "dev/INFO", "io./SEVERE", "io./WARNING", "io./INFO",
                "com/SEVERE", "com/WARNING", "gat/INFO"), written(LogLevel.INFO));
        assertEquals(List.of("dev/SEVERE", "dev/WARNING", "dev/INFO", "dev/FINE", "io./SEVERE", "io./WARNING",
                "io./INFO", "com/SEVERE", "com/WARNING", "gat/INFO"), written(LogLevel.DEBUG),
                "at debug other libraries stay at info: their debug output holds request lines and headers");
        assertTrue(written(LogLevel.TRACE).contains("dev/FINEST"));
        assertFalse(written(LogLevel.TRACE).contains("io./FINE"));
        assertEquals(List.of("dev/SEVERE", "io./SEVERE", "com/SEVERE", "gat/INFO"), written(LogLevel.ERROR),
                "the access log has its own switch");
        assertEquals(List.of("dev/SEVERE", "dev/WARNING", "io./SEVERE", "io./WARNING", "com/SEVERE", "com/WARNING",
                "gat/INFO"), written(LogLevel.WARN));
    }

    @Test
    void theRequestsIdsAreThoseOfTheThreadThatLogs() throws Exception {
        LineHandler handler = new LineHandler(out, new LoggingSettings(LogFormat.JSON, LogLevel.INFO, true));
        RequestScope request = new RequestScope("req-7", List.of());
        try {
            handler.publish(record("dev.gatehouse.x", Level.INFO, "inside"));
            Thread other = Thread.ofVirtual().start(() -> handler.publish(record("dev.gatehouse.x", Level.INFO,
                    "another thread")));
            other.join();
        } finally {
            request.close();
        }
        handler.publish(record("dev.gatehouse.x", Level.INFO, "after"));
        List<JsonNode> lines = parsed();
        assertEquals("inside", lines.get(0).get("message").asText());
        assertEquals("req-7", lines.get(0).get("request_id").asText());
        assertEquals(RequestScope.TRACE_ID, lines.get(0).get("trace_id").asText());
        assertEquals(RequestScope.SPAN_ID, lines.get(0).get("span_id").asText());
        for (JsonNode line : lines.subList(1, 3)) {
            assertFalse(line.has("request_id"), line.toString());
        }
    }

    @Test
    void newSettingsTakeEffectForTheNextRecord() throws IOException {
        LineHandler handler = new LineHandler(out, LoggingSettings.DEFAULTS);
        handler.publish(record("dev.gatehouse.x", Level.FINE, "dropped at info"));
        handler.publish(record("dev.gatehouse.x", Level.INFO, "as text"));
        handler.use(new LoggingSettings(LogFormat.JSON, LogLevel.DEBUG, true));
        handler.publish(record("dev.gatehouse.x", Level.FINE, "as json"));
        List<String> lines = lines();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith(" INFO dev.gatehouse.x as text"), lines.get(0));
        assertEquals("as json", Json.mapper().readTree(lines.get(1)).get("message").asText());
    }

    @Test
    void linesFromManyThreadsAreWrittenWhole() throws Exception {
        LineHandler handler = new LineHandler(out, new LoggingSettings(LogFormat.JSON, LogLevel.INFO, true));
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            String name = "thread " + t + " " + "x".repeat(500);
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 200; i++) {
                    handler.publish(record("dev.gatehouse.x", Level.INFO, name + " " + i));
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        List<JsonNode> lines = parsed();
        assertEquals(1600, lines.size());
        Set<String> messages = new HashSet<>();
        lines.forEach(line -> messages.add(line.get("message").asText()));
        assertEquals(1600, messages.size(), "every record once, none cut or merged");
    }

    private List<JsonNode> parsed() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines()) {
            parsed.add(Json.mapper().readTree(line));
        }
        return parsed;
    }
}
