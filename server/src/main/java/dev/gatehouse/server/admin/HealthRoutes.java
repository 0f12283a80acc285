package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /admin/health/deployments}: every deployment's routing state on this instance —
 * healthy, cooling down (until when), half open or probing — with its moving-average latency,
 * requests in flight, attempts, failures, error rate and cooldowns since start. Cooldowns come
 * from the shared store where there is one; the rest is this instance's own view.
 */
final class HealthRoutes {

    private final Supplier<List<DeploymentStatus>> deployments;

    HealthRoutes(Supplier<List<DeploymentStatus>> deployments) {
        this.deployments = deployments;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/health/deployments", Permission.READ_HEALTH,
                call -> Reply.ok(AdminJson.list(deployments.get().stream().map(HealthRoutes::write).toList()))));
    }

    static ObjectNode write(DeploymentStatus status) {
        ObjectNode out = Json.object().put("id", status.id()).put("model", status.model())
                .put("provider", status.provider()).put("state", status.state());
        JsonFields.putInstant(out, "cooling_until",
                status.coolingUntil() == null ? null : status.coolingUntil().toEpochMilli());
        if (status.latencyMillis() == null) {
            out.putNull("latency_ms");
        } else {
            out.put("latency_ms", Math.round(status.latencyMillis() * 1000) / 1000.0);
        }
        return out.put("in_flight", status.inFlight()).put("attempts", status.attempts())
                .put("failures", status.failures()).put("error_rate", Math.round(status.errorRate() * 10000) / 10000.0)
                .put("cooldowns", status.cooldowns());
    }
}
