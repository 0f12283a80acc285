package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * What each public model can take and do, for {@code GET /v1/models}: every deployment's own
 * {@code model_info} from the configuration, else what the bundled price table records of its
 * upstream model (its maximum output), merged over the model's deployments so that the answer holds
 * whichever deployment routing picks ({@link ModelInfo#shared}). Read from the gateway's current
 * configuration on every request, so a reload shows at once.
 */
final class ModelCatalog {

    private final Gateway gateway;
    private final PriceTable table;

    ModelCatalog(Gateway gateway, PriceTable table) {
        this.gateway = gateway;
        this.table = table;
    }

    /** The public model names served, in configuration order. */
    List<String> models() {
        return gateway.models();
    }

    /** What {@code model} can do, as far as every one of its deployments is known. */
    ModelInfo info(String model) {
        return ModelInfo.shared(gateway.deployments(model).stream().map(this::info).toList());
    }

    private ModelInfo info(Deployment deployment) {
        return deployment.modelInfo().orElse(table.find(deployment.provider(), deployment.upstreamModel())
                .map(ModelCatalog::fromPrice).orElse(ModelInfo.UNKNOWN));
    }

    /** The price table states an upstream model's maximum output and, where its page gives it, its context window. */
    private static ModelInfo fromPrice(ModelPrice price) {
        return new ModelInfo(null, price.maxOutput(), null, null, null, null);
    }
}
