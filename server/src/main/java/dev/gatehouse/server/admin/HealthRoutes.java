package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import java.util.List;

/**
 * {@code GET /admin/health/deployments}: every deployment's routing state on this instance —
 * healthy, cooling down (until when), half open or probing — with its moving-average latency,
 * requests in flight, attempts, failures, error rate and cooldowns since start. Cooldowns come
 * from the shared store where there is one; the rest is this instance's own view.
 *
 * <p>{@code POST /admin/config/reload} (owner): the configuration file read again and served
 * from now on, without a restart; requests in flight finish on the deployments they started
 * with. An invalid file changes nothing and is a 400 naming its problems. Audited.
 */
final class HealthRoutes {

    private final GatewayOperations gateway;
    private final dev.gatehouse.server.ControlPlane control;

    HealthRoutes(GatewayOperations gateway, dev.gatehouse.server.ControlPlane control) {
        this.gateway = gateway;
        this.control = control;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.list("/admin/health/deployments", Permission.READ_HEALTH, gateway::deployments,
                        HealthRoutes::write),
                AdminRoute.post("/admin/config/reload", Permission.OWNER, this::reload));
    }

    private Reply reload(AdminCall call) {
        GatewayOperations.Reloaded reloaded = gateway.reload();
        control.audit().record(call.actor().event("config.reloaded", "configuration")
                .with("models", Integer.toString(reloaded.models()))
                .with("deployments", Integer.toString(reloaded.deployments())));
        ObjectNode out = Json.object().put("reloaded", true).put("models", reloaded.models())
                .put("deployments", reloaded.deployments());
        JsonFields.putStrings(out, "warnings", reloaded.warnings());
        return Reply.ok(out);
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
