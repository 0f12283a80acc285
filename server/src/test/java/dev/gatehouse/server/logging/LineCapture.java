package dev.gatehouse.server.logging;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The lines Gatehouse's log handler writes, as it would write them to standard error, for every
 * record of one logger and those under it while open (the root's: every record of the process).
 */
public final class LineCapture implements AutoCloseable {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Logger logger;
    private final Level previous;
    private final LineHandler handler;

    public LineCapture(String loggerName, LoggingSettings settings) {
        logger = Logger.getLogger(loggerName);
        previous = logger.getLevel();
        handler = new LineHandler(out, settings);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    /** Every record of the process, written as {@code settings} say. */
    public static LineCapture everything(LoggingSettings settings) {
        return new LineCapture("", settings);
    }

    /** The access log's lines, as JSON. */
    public static LineCapture accessLog() {
        return new LineCapture(AccessLog.LOGGER, new LoggingSettings(LogFormat.JSON, LogLevel.INFO, true));
    }

    public String text() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    public List<String> lines() {
        return text().lines().toList();
    }

    /** Every line parsed as JSON; fails if one does not parse. */
    public List<JsonNode> json() {
        return lines().stream().map(line -> {
            try {
                return Json.mapper().readTree(line);
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON line: " + line, e);
            }
        }).toList();
    }

    /**
     * Every line parsed as JSON once there are at least {@code count}: a request's access line is
     * written after its response is sent, so a caller that has its response may be ahead of it.
     */
    public List<JsonNode> awaitJson(int count) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (lines().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return json();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previous);
    }
}
