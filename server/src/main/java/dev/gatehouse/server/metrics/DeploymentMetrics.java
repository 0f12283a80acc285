package dev.gatehouse.server.metrics;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.routing.RoutingListener;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Routing's metrics per deployment: attempts sent, failed attempts by error type, cooldowns by
 * reason, and which deployments are cooling down now (read from routing's state at each
 * scrape). Label values are deployment ids and model names from the configuration
 * and Gatehouse's own error types, never text from a request.
 */
public final class DeploymentMetrics implements RoutingListener {

    private final Map<String, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> cooldowns = new ConcurrentHashMap<>();
    private volatile Supplier<List<DeploymentStatus>> status = List::of;

    /** Where each deployment's routing state is read at a scrape (the running gateway's). */
    public void statusFrom(Supplier<List<DeploymentStatus>> deployments) {
        this.status = deployments;
    }

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
        return PrometheusText.escape(value);
    }

    /** Appends the three counters and the cooldowns in force in Prometheus' text format. */
    public void scrape(StringBuilder out) {
        write(out, "gatehouse_deployment_attempts_total", "Attempts sent to each deployment.", attempts);
        write(out, "gatehouse_deployment_failures_total", "Failed attempts of each deployment, by error type.",
                failures);
        write(out, "gatehouse_deployment_cooldowns_total",
                "Times each deployment was taken out of routing, by reason (failures, rate_limited, credential_refused).",
                cooldowns);
        PrometheusText.header(out, "gatehouse_deployment_cooling_down", "gauge",
                "1 while a deployment is out of routing for a cooldown, else 0.");
        for (DeploymentStatus deployment : status.get()) {
            out.append("gatehouse_deployment_cooling_down{deployment=\"").append(escape(deployment.id()))
                    .append("\",model=\"").append(escape(deployment.model())).append("\"} ")
                    .append("cooling_down".equals(deployment.state()) ? 1 : 0).append('\n');
        }
    }

    private static void write(StringBuilder out, String name, String help, Map<String, LongAdder> counters) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        counters.forEach((labels, count) -> out.append(name).append('{').append(labels).append("} ")
                .append(count.sum()).append('\n'));
    }
}
