package dev.gatehouse.server.logging;

import dev.gatehouse.secret.Redaction;
import dev.gatehouse.server.telemetry.LogContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.LogRecord;

/**
 * What one line of the log says, taken from a JDK log record and the request ids bound to the
 * thread that logged it; both formats write it. Every text in it has passed the secret redaction.
 *
 * @param time    when the record was made
 * @param level   {@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG} or {@code TRACE}
 * @param logger  the logger's name; empty when it has none
 * @param message the message, or a structured record's summary
 * @param fields  the named values after the message: a structured record's fields, then the request's ids
 *                that are not among them, then the exception as OpenTelemetry's conventions name it
 *                (https://opentelemetry.io/docs/specs/semconv/exceptions/exceptions-logs/): its type and
 *                message, and its stack trace only when {@code stackTraces}
 * @param structured whether the record carried {@link LogFields} (its text line is then the fields alone)
 */
record LogEntry(Instant time, String level, String logger, String message, Map<String, Object> fields,
        boolean structured) {

    /** ISO-8601 in UTC, to the second: the part of a timestamp before its milliseconds. */
    private static final DateTimeFormatter TO_THE_SECOND =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** The last second formatted, with its text: every line in that second reuses it. */
    private record Second(long epochSecond, String text) {}

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /**
     * ISO-8601 in UTC, to the millisecond, always the same width: {@code 2026-12-07T06:10:00.123Z}.
     * The date and time are formatted once a second (the formatter costs more than the rest of an
     * access log line), the milliseconds appended.
     */
    String timestamp() {
        long epochSecond = time.getEpochSecond();
        Second second = lastSecond;
        if (second.epochSecond() != epochSecond) {
            second = new Second(epochSecond, TO_THE_SECOND.format(time));
            lastSecond = second;
        }
        int millis = time.getNano() / 1_000_000;
        StringBuilder text = new StringBuilder(24).append(second.text()).append('.');
        if (millis < 100) {
            text.append(millis < 10 ? "00" : "0");
        }
        return text.append(millis).append('Z').toString();
    }

    static LogEntry of(LogRecord record, LogContext.Ids ids, boolean stackTraces) {
        Map<String, Object> fields = new LinkedHashMap<>();
        LogFields structured = structuredFields(record);
        String message;
        if (structured != null) {
            fields.putAll(structured.values());
            message = structured.summary();
        } else {
            message = Redaction.redact(message(record));
        }
        if (ids != null) {
            fields.putIfAbsent("request_id", ids.requestId());
            fields.putIfAbsent("trace_id", ids.traceId());
            fields.putIfAbsent("span_id", ids.spanId());
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            fields.put("exception.type", thrown.getClass().getName());
            fields.put("exception.message", Redaction.redact(thrown.getMessage()));
            if (stackTraces) {
                fields.put("exception.stacktrace", Redaction.redact(stackTrace(thrown)));
            }
        }
        fields.values().removeIf(value -> value == null);
        return new LogEntry(record.getInstant(), LogLevel.nameOf(record.getLevel()),
                record.getLoggerName() == null ? "" : record.getLoggerName(), message == null ? "" : message, fields,
                structured != null);
    }

    private static LogFields structuredFields(LogRecord record) {
        Object[] parameters = record.getParameters();
        return parameters != null && parameters.length == 1 && parameters[0] instanceof LogFields fields
                ? fields : null;
    }

    /**
     * The record's message as written; a message with parameters (only other libraries log those:
     * Gatehouse's own are plain strings) is put together the way JDK logging's formatters do.
     */
    private static String message(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message == null || parameters == null || parameters.length == 0 || !message.contains("{")) {
            return message;
        }
        try {
            return MessageFormat.format(message, parameters);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        try (PrintWriter printer = new PrintWriter(out)) {
            thrown.printStackTrace(printer);
        }
        return out.toString().stripTrailing();
    }
}
