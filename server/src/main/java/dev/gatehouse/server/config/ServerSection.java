package dev.gatehouse.server.config;

import dev.gatehouse.http.UpstreamLimits;
import java.time.Duration;
import java.util.List;

/** Reads the {@code server:} section: where Gatehouse listens and the limits on what it accepts. */
final class ServerSection {

    static final List<String> KEYS = List.of("host", "port", "max_body_bytes", "max_messages", "max_header_bytes",
            "drain_timeout_seconds", "admin_host", "admin_port", "metrics_public", "max_upstream_body_bytes",
            "max_upstream_event_bytes");

    static final long MIN_BODY_BYTES = 1024;
    static final long MAX_BODY_BYTES = 1024L * 1024 * 1024;
    static final long MAX_MESSAGES = 100_000;
    static final long MIN_HEADER_BYTES = 1024;
    static final long MAX_HEADER_BYTES = 1024 * 1024;
    static final long MAX_DRAIN_SECONDS = 3600;
    static final long MIN_UPSTREAM_BYTES = 1024;
    static final long MAX_UPSTREAM_EVENT_BYTES = 256L * 1024 * 1024;

    private ServerSection() {}

    static ServerSettings read(Located at, Findings findings) {
        ServerSettings defaults = ServerSettings.defaults();
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return defaults;
        }
        String host = host(at.get("host"), findings, fields);
        Long port = fields.integer(at.get("port"), 0, 65535);
        Long body = fields.integer(at.get("max_body_bytes"), MIN_BODY_BYTES, MAX_BODY_BYTES);
        Long messages = fields.integer(at.get("max_messages"), 1, MAX_MESSAGES);
        Long header = fields.integer(at.get("max_header_bytes"), MIN_HEADER_BYTES, MAX_HEADER_BYTES);
        Long drain = fields.integer(at.get("drain_timeout_seconds"), 0, MAX_DRAIN_SECONDS);
        String adminHost = host(at.get("admin_host"), findings, fields);
        Long adminPort = fields.integer(at.get("admin_port"), 0, 65535);
        Boolean metricsPublic = fields.bool(at.get("metrics_public"));
        Long upstreamBody = fields.integer(at.get("max_upstream_body_bytes"), MIN_UPSTREAM_BYTES,
                UpstreamLimits.MAX_BODY_BYTES);
        Long upstreamEvent = fields.integer(at.get("max_upstream_event_bytes"), MIN_UPSTREAM_BYTES,
                MAX_UPSTREAM_EVENT_BYTES);
        if (adminHost != null && adminPort == null) {
            findings.problem(at.get("admin_host"), "is used only with admin_port (the admin API's own listener)");
        }
        long mainPort = port != null ? port : defaults.port();
        if (adminPort != null && adminPort != 0 && adminPort == mainPort) {
            findings.problem(at.get("admin_port"), "must differ from port " + mainPort);
        }
        return new ServerSettings(
                host != null ? host : defaults.host(),
                port != null ? port.intValue() : defaults.port(),
                body != null ? body : defaults.maxBodyBytes(),
                messages != null ? messages.intValue() : defaults.maxMessages(),
                header != null ? header.intValue() : defaults.maxHeaderBytes(),
                drain != null ? Duration.ofSeconds(drain) : defaults.drainTimeout(),
                adminHost != null ? adminHost : defaults.adminHost(),
                adminPort != null ? Integer.valueOf(adminPort.intValue()) : null,
                Boolean.TRUE.equals(metricsPublic),
                new UpstreamLimits(upstreamBody != null ? upstreamBody : UpstreamLimits.DEFAULT_MAX_BODY_BYTES,
                        upstreamEvent != null ? upstreamEvent.intValue() : UpstreamLimits.DEFAULT_MAX_EVENT_BYTES));
    }

    private static String host(Located at, Findings findings, Fields fields) {
        String host = fields.text(at);
        if (host == null) {
            return null;
        }
        if (host.isEmpty() || host.length() > 253 || host.codePoints().anyMatch(c -> Character.isWhitespace(c)
                || Character.isISOControl(c))) {
            findings.problem(at, "must be an address or host name to listen on, such as 127.0.0.1");
            return null;
        }
        return host;
    }
}
