package dev.gatehouse.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * LiteLLM's logging callbacks ({@code litellm_settings.callbacks}, {@code success_callback},
 * {@code failure_callback}; docs.litellm.ai/docs/proxy/logging) in Gatehouse's terms.
 * {@code otel} is Gatehouse's OTLP traces ({@code telemetry:}), configured as LiteLLM's is, from
 * the environment (docs.litellm.ai/docs/observability/opentelemetry_integration): OpenTelemetry's
 * standard {@code OTEL_EXPORTER_OTLP_*} variables, which Gatehouse reads anyway, and LiteLLM's own
 * {@code OTEL_ENDPOINT} and {@code OTEL_HEADERS}. {@code prometheus} is Gatehouse's {@code /metrics},
 * always served. Every other callback (langfuse, datadog, …) is a warning naming it; the guardrail
 * callbacks are {@link LiteLlmGuardrails}'.
 */
final class LiteLlmCallbacks {

    static final List<String> KEYS = List.of("callbacks", "success_callback", "failure_callback");
    private static final Set<String> OTEL = Set.of("otel", "opentelemetry");
    private static final String OBSERVABILITY = "docs/observability.md";

    private LiteLlmCallbacks() {}

    /**
     * Reports the callbacks; true when {@code otel} is named and the file has no {@code telemetry:}
     * of its own, so that LiteLLM's OTEL_ variables configure the traces.
     */
    static boolean read(Located root, Findings findings, Function<String, String> env) {
        Located settings = root.get("litellm_settings");
        Located otelAt = null;
        for (String key : KEYS) {
            Located list = settings.get(key);
            if (!list.value().isArray()) {
                continue; // LiteLlmGuardrails reports a callbacks that is not a list; the others too, below
            }
            for (int i = 0; i < list.value().size(); i++) {
                Located at = list.get(i);
                String name = at.value().isTextual() ? at.value().textValue() : at.value().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                if (key.equals("callbacks") && LiteLlmGuardrails.CALLBACKS.contains(name)) {
                    continue;
                }
                if (OTEL.contains(lower)) {
                    otelAt = otelAt == null ? at : otelAt;
                } else if (!lower.equals("prometheus")) {
                    findings.warn(at, "callback " + name + " is not built into Gatehouse, ignored: Gatehouse sends"
                            + " traces over OTLP (callback otel, or telemetry:), which most observability services"
                            + " take (" + OBSERVABILITY + ", \"Traces\")");
                }
            }
        }
        for (String key : List.of("success_callback", "failure_callback")) {
            Located value = settings.get(key);
            if (!value.isMissing() && !value.value().isArray()) {
                findings.warn(value, "must be a list of callback names; ignored");
            }
        }
        if (otelAt == null || !root.get("telemetry").isMissing()) {
            return false;
        }
        otel(otelAt, findings, env);
        return true;
    }

    /** Warnings where LiteLLM's otel setup does what Gatehouse does not: print spans, or speak gRPC. */
    private static void otel(Located at, Findings findings, Function<String, String> env) {
        String exporter = value(env, "OTEL_EXPORTER");
        String protocol = value(env, "OTEL_EXPORTER_OTLP_PROTOCOL");
        boolean endpoint = value(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null
                || value(env, "OTEL_EXPORTER_OTLP_ENDPOINT") != null || value(env, "OTEL_ENDPOINT") != null;
        if (!endpoint || "console".equals(exporter)) {
            findings.warn(at, "callback otel: no OTLP endpoint is set (OTEL_EXPORTER_OTLP_ENDPOINT, or LiteLLM's"
                    + " OTEL_ENDPOINT)" + ("console".equals(exporter) ? " for OTEL_EXPORTER=console" : "")
                    + ": LiteLLM then prints spans on its console; Gatehouse prints none and exports no traces");
        } else if ((exporter != null && exporter.contains("grpc")) || "grpc".equals(protocol)) {
            findings.warn(at, "callback otel: gRPC is set (OTEL_EXPORTER or OTEL_EXPORTER_OTLP_PROTOCOL); Gatehouse"
                    + " exports OTLP over HTTP only: point the endpoint at the collector's OTLP/HTTP port (4318)");
        }
    }

    private static String value(Function<String, String> env, String name) {
        String value = env.apply(name);
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
