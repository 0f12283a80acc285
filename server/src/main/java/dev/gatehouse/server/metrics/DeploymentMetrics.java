package dev.gatehouse.server.metrics;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RoutingListener;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Routing's metrics per deployment: attempts sent, failed attempts by error type, and
 * cooldowns by reason. Label values are deployment ids and model names from the configuration
 * and Gatehouse's own error types, never text from a request.
 */
public final class DeploymentMetrics implements RoutingListener {

    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> cooldowns = new ConcurrentHashMap<>();

    @Override
    public void attempt(Deployment deployment) {
        count(attempts, labels(deployment));
    }

    @Override
    public void failure(Deployment deployment, GatewayException error) {
        count(failures, labels(deployment) + ",type=\"" + escape(error.type()) + "\"");
    }

    @Override
    public void cooldown(Deployment deployment, Instant until, Reason reason) {
        count(cooldowns, labels(deployment) + ",reason=\"" + reason.name().toLowerCase(java.util.Locale.ROOT) + "\"");
    }

    private static void count(Map<String, LongAdder> counters, String labels) {
        counters.computeIfAbsent(labels, k -> new LongAdder()).increment();
    }

    private static String labels(Deployment deployment) {
        return "deployment=\"" + escape(deployment.id()) + "\",model=\"" + escape(deployment.model()) + "\"";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Appends the three counters in Prometheus' text format. */
    public void scrape(StringBuilder out) {
        write(out, "gatehouse_deployment_attempts_total", "Attempts sent to each deployment.", attempts);
        write(out, "gatehouse_deployment_failures_total", "Failed attempts of each deployment, by error type.",
                failures);
        write(out, "gatehouse_deployment_cooldowns_total",
                "Times each deployment was taken out of routing, by reason (failures, rate_limited, credential_refused).",
                cooldowns);
    }

    private static void write(StringBuilder out, String name, String help, Map<String, LongAdder> counters) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        counters.forEach((labels, count) -> out.append(name).append('{').append(labels).append("} ")
                .append(count.sum()).append('\n'));
    }
}
