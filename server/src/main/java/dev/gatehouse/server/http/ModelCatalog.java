package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * What each public model can take and do, for {@code GET /v1/models}, as the gateway knows it
 * ({@link Gateway#modelInfo}: every deployment's own {@code model_info}, else what the bundled
 * price table records, merged over the model's deployments). Read from the gateway's current
 * configuration on every request, so a reload shows at once.
 */
final class ModelCatalog {

    private final Gateway gateway;

    ModelCatalog(Gateway gateway) {
        this.gateway = gateway;
    }

    /**
     * The public model names listed, in configuration order: wildcard models are left out (a
     * pattern is no callable id), aliases that are not hidden are added (docs/routing.md).
     */
    List<String> models() {
        return gateway.listedModels();
    }

    /** What {@code model} can do, as far as every one of its deployments is known. */
    ModelInfo info(String model) {
        return gateway.modelInfo(model);
    }
}
