package dev.gatehouse.server.logging;

import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Redaction;
import dev.gatehouse.server.telemetry.RequestListener;
import dev.gatehouse.server.telemetry.RequestSummary;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The access log: one line per request, on every route, from its {@link RequestSummary},
 * written through the logger {@value #LOGGER} so that it goes where every other line goes, in
 * the same format. Its fields are ids, names from the configuration (and the model name asked
 * for), numbers and the caller's address: never a credential, a path or anything else of the
 * request's content (docs/observability.md lists them).
 */
public final class AccessLog implements RequestListener {

    /** The logger every access-log line is written through. */
    public static final String LOGGER = "gatehouse.access";

    // Held: JDK logging holds loggers weakly, and a collected logger forgets its level.
    private static final Logger LOG = Logger.getLogger(LOGGER);

    private AccessLog() {}

    /** The access log {@code settings} ask for; empty when it is off. */
    public static Optional<RequestListener> of(LoggingSettings settings) {
        return settings.accessLog() ? Optional.of(new AccessLog()) : Optional.empty();
    }

    @Override
    public void finished(RequestSummary summary) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        LOG.log(new AccessRecord(fields(summary)));
    }

    /**
     * An access-log record. The line handler writes its fields; its message, the fields' text form,
     * is made only when another handler asks for it (an embedding application's own), not on every
     * request.
     */
    private static final class AccessRecord extends LogRecord {

        @java.io.Serial
        private static final long serialVersionUID = 1L;

        private final transient LogFields fields;

        AccessRecord(LogFields fields) {
            super(Level.INFO, null);
            this.fields = fields;
            setLoggerName(LOGGER);
            setParameters(new Object[] {fields});
        }

        @Override
        public String getMessage() {
            return fields == null ? super.getMessage() : fields.asText();
        }
    }

    /** The line's fields, in the order they are written; the trace and span ids follow from the log context. */
    static LogFields fields(RequestSummary summary) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("route", summary.route());
        fields.put("status", summary.status());
        RequestSummary.ModelRequest model = summary.model();
        if (model != null) {
            fields.put("key_id", model.keyId());
            fields.put("team_id", model.teamId());
            Deployment deployment = model.deployment();
            // Routed, the name is one the configuration serves; else it is the name as asked, which may be
            // anything a caller put there, so it passes the redaction (no key-like text).
            fields.put("model", deployment != null ? model.model() : Redaction.redact(model.model()));
            fields.put("fallback", model.fallback());
            if (deployment != null) {
                fields.put("deployment", deployment.id());
                fields.put("provider", deployment.provider());
            }
            fields.put("attempts", model.attempts());
            Usage usage = model.usage();
            if (usage != null) {
                fields.put("input_tokens", usage.promptTokens());
                fields.put("output_tokens", usage.completionTokens());
                fields.put("cached_tokens", usage.cachedTokens());
            }
            fields.put("cost_usd", model.costUsd());
            fields.put("stream", model.stream());
            fields.put("cache", model.cache());
        }
        fields.put("duration_ms", millis(summary.durationNanos()));
        fields.put("upstream_ms", model != null ? millis(summary.upstreamNanos()) : null);
        fields.put("ttft_ms", summary.firstTokenNanos() == null ? null : millis(summary.firstTokenNanos()));
        fields.put("error_type", summary.errorType());
        fields.put("client_address", summary.clientAddress());
        fields.put("request_id", summary.requestId());
        return new LogFields(summary.route() + " " + summary.status(), fields);
    }

    private static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
    }
}
