package dev.gatehouse.server.config;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.tracing.TelemetrySettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the {@code telemetry:} section: the OTLP endpoint traces go to, its headers, sampling,
 * content capture, propagation to upstreams and the export queue. Where the file says nothing,
 * OpenTelemetry's standard environment variables apply (docs/observability.md lists them); the
 * file wins over the environment.
 */
final class TelemetrySection {

    static final List<String> KEYS = List.of("otlp_endpoint", "headers", "sample_ratio", "capture_content",
            "propagate_to_upstreams", "service_name", "max_queue_size", "max_batch_size", "schedule_delay_ms",
            "export_timeout_seconds");

    /** An HTTP header's name (RFC 9110's token). */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Header names whose values are credentials: only a reference is taken for them, as for api_key. */
    private static final Pattern CREDENTIAL_HEADER =
            Pattern.compile(".*(auth|key|token|secret|password|team).*", Pattern.CASE_INSENSITIVE);
    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private TelemetrySection() {}

    /**
     * {@code liteLlm}: also LiteLLM's {@code OTEL_ENDPOINT} and {@code OTEL_HEADERS} where the
     * standard variables are silent (a LiteLLM file's otel callback, LiteLlmCallbacks).
     */
    static TelemetrySettings read(Located at, Findings findings, Credentials credentials, boolean liteLlm) {
        Fields fields = new Fields(findings);
        boolean section = fields.isSection(at, KEYS);
        Environment env = new Environment(credentials, findings, liteLlm);
        URI url = section && !at.get("otlp_endpoint").isMissing() ? endpoint(at.get("otlp_endpoint"), findings, fields)
                : env.tracesUrl();
        Map<String, Secret> headers = section && !at.get("headers").isMissing()
                ? headers(at.get("headers"), findings, fields, credentials) : env.headers();
        Double ratio = section ? ratio(at.get("sample_ratio"), findings) : null;
        if (ratio == null && (!section || at.get("sample_ratio").isMissing())) {
            ratio = env.sampleRatio();
        }
        Boolean capture = section ? fields.bool(at.get("capture_content")) : null;
        Boolean propagate = section ? fields.bool(at.get("propagate_to_upstreams")) : null;
        String service = section ? serviceName(at.get("service_name"), findings, fields) : null;
        if (service == null && (!section || at.get("service_name").isMissing())) {
            service = env.serviceName();
        }
        TelemetrySettings d = TelemetrySettings.DEFAULTS;
        Long queue = section ? fields.integer(at.get("max_queue_size"), 1, 1_000_000) : null;
        Long batch = section ? fields.integer(at.get("max_batch_size"), 1, 100_000) : null;
        Long delayMs = section ? fields.integer(at.get("schedule_delay_ms"), 10, 60_000) : null;
        Duration timeout = section ? fields.seconds(at.get("export_timeout_seconds"), 1, 120) : null;
        int queueSize = queue != null ? queue.intValue() : d.maxQueueSize();
        int batchSize = batch != null ? batch.intValue() : Math.min(d.maxBatchSize(), queueSize);
        if (batchSize > queueSize) {
            findings.problem(at.get("max_batch_size"), "must not be larger than max_queue_size (" + queueSize + ")");
            batchSize = queueSize;
        }
        return new TelemetrySettings(url, headers, ratio != null ? ratio : d.sampleRatio(),
                capture != null && capture, propagate != null && propagate, service != null ? service : d.serviceName(),
                queueSize, batchSize, delayMs != null ? Duration.ofMillis(delayMs) : d.scheduleDelay(),
                timeout != null ? timeout : d.exportTimeout());
    }

    /** {@code <endpoint>/v1/traces}, as OTLP/HTTP's base endpoint setting means (docs/observability.md). */
    private static URI endpoint(Located at, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        String problem = httpUrlProblem(text);
        if (problem != null) {
            findings.problem(at, problem);
            return null;
        }
        return tracesUnder(text);
    }

    static URI tracesUnder(String base) {
        String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(trimmed + "/v1/traces");
    }

    /** Why {@code text} is not an http(s) URL an exporter can post to; null when it is one. */
    static String httpUrlProblem(String text) {
        try {
            URI url = new URI(text);
            if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme()) || url.getHost() == null) {
                return "must be an http:// or https:// URL with a host, such as http://127.0.0.1:4318";
            }
            if (url.getRawUserInfo() != null) {
                return "must not hold a user or password; put the credential in headers: (a reference such as"
                        + " env:OTLP_TOKEN)";
            }
            if (url.getRawQuery() != null || url.getRawFragment() != null) {
                return "must not have a query or a fragment";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a URL: " + e.getReason();
        }
    }

    private static Map<String, Secret> headers(Located at, Findings findings, Fields fields, Credentials credentials) {
        if (!fields.isMap(at)) {
            return Map.of();
        }
        Map<String, Secret> headers = new LinkedHashMap<>();
        for (String name : Fields.keys(at)) {
            Located value = at.get(name);
            if (!HEADER_NAME.matcher(name).matches()) {
                findings.problem(value, "is not an HTTP header name");
                continue;
            }
            Secret secret = headerValue(value, name, findings, credentials);
            if (secret != null) {
                headers.put(name.toLowerCase(Locale.ROOT), secret);
            }
        }
        return headers;
    }

    /**
     * A header's value: a credential reference ({@code env:NAME}, {@code file:/path},
     * {@code secret:NAME}) is resolved as every credential is; a literal is taken as written only
     * for a header that carries no credential (a dataset's name), since a key written into the
     * file is refused unless {@code allow_plaintext_credentials} says otherwise.
     */
    private static Secret headerValue(Located at, String name, Findings findings, Credentials credentials) {
        if (at.value().isTextual()) {
            String text = at.value().textValue();
            boolean reference = text.startsWith("env:") || text.startsWith("file:") || text.startsWith("secret:");
            if (!reference && !CREDENTIAL_HEADER.matcher(name).matches() && !text.isBlank()) {
                if (text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    findings.problem(at, "must not hold control characters");
                    return null;
                }
                return Secret.of(text.strip());
            }
        }
        return credentials.resolve(at);
    }

    private static Double ratio(Located at, Findings findings) {
        if (at.isMissing()) {
            return null;
        }
        if (!at.value().isNumber() || !(at.value().doubleValue() >= 0 && at.value().doubleValue() <= 1)) {
            findings.problem(at, "must be a number from 0 (no new trace kept) to 1 (every trace kept)");
            return null;
        }
        return at.value().doubleValue();
    }

    private static String serviceName(Located at, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text != null && !SERVICE_NAME.matcher(text).matches()) {
            findings.problem(at, "must be 1 to 100 letters, digits, '.', '_' or '-'");
            return null;
        }
        return text;
    }

    /**
     * OpenTelemetry's standard variables for the OTLP exporter, read only where the file is silent.
     * A problem names the variable, never its value (a header's value is a credential).
     */
    private record Environment(Credentials credentials, Findings findings, boolean liteLlm) {

        URI tracesUrl() {
            String traces = value("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
            if (traces != null) {
                // The signal's own variable is the full URL, used as it is.
                return url("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces) ? URI.create(traces) : null;
            }
            String base = value("OTEL_EXPORTER_OTLP_ENDPOINT");
            if (base == null && liteLlm && value("OTEL_ENDPOINT") != null) {
                // LiteLLM's own variable: a base such as https://api.traceloop.com, or the traces URL itself.
                String liteLlmBase = value("OTEL_ENDPOINT").replaceAll("/+$", "");
                if (!url("OTEL_ENDPOINT", liteLlmBase)) {
                    return null;
                }
                return liteLlmBase.endsWith("/v1/traces") ? URI.create(liteLlmBase) : tracesUnder(liteLlmBase);
            }
            return base != null && url("OTEL_EXPORTER_OTLP_ENDPOINT", base) ? tracesUnder(base) : null;
        }

        Map<String, Secret> headers() {
            Map<String, Secret> headers = new LinkedHashMap<>();
            if (liteLlm) {
                parseHeaders("OTEL_HEADERS", headers); // LiteLLM's own list, in the same form; the standard ones win
            }
            parseHeaders("OTEL_EXPORTER_OTLP_HEADERS", headers);
            parseHeaders("OTEL_EXPORTER_OTLP_TRACES_HEADERS", headers); // the signal's own win
            return headers;
        }

        Double sampleRatio() {
            String text = value("OTEL_TRACES_SAMPLER_ARG");
            if (text == null) {
                return null;
            }
            try {
                double ratio = Double.parseDouble(text);
                if (ratio >= 0 && ratio <= 1) {
                    return ratio;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problem("OTEL_TRACES_SAMPLER_ARG", "must be a number from 0 to 1");
            return null;
        }

        String serviceName() {
            String text = value("OTEL_SERVICE_NAME");
            if (text != null && !SERVICE_NAME.matcher(text).matches()) {
                problem("OTEL_SERVICE_NAME", "must be 1 to 100 letters, digits, '.', '_' or '-'");
                return null;
            }
            return text;
        }

        /** {@code key1=value1,key2=value2}, values percent-encoded, as the OTLP exporter's specification writes them. */
        private void parseHeaders(String variable, Map<String, Secret> into) {
            String text = value(variable);
            if (text == null) {
                return;
            }
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? "" : pair.substring(0, eq).strip();
                if (!HEADER_NAME.matcher(name).matches()) {
                    problem(variable, "must be a list of name=value pairs separated by commas");
                    return;
                }
                String decoded;
                try {
                    // A plus is itself in W3C baggage-style lists, not a space as in a form.
                    decoded = URLDecoder.decode(pair.substring(eq + 1).strip().replace("+", "%2B"),
                            StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    problem(variable, "holds a value that is not percent-encoded correctly (header " + name + ")");
                    return;
                }
                if (decoded.isEmpty() || decoded.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    problem(variable, "holds an empty value or control characters (header " + name + ")");
                    return;
                }
                into.put(name.toLowerCase(Locale.ROOT), Secret.of(decoded));
            }
        }

        private boolean url(String variable, String text) {
            String problem = httpUrlProblem(text);
            if (problem != null) {
                problem(variable, problem);
                return false;
            }
            return true;
        }

        private String value(String name) {
            String value = credentials.variable(name);
            return value == null || value.isBlank() ? null : value.strip();
        }

        private void problem(String variable, String message) {
            findings.problem(0, new ConfigProblem("environment variable " + variable, message));
        }
    }
}
