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
 * upstream model (its context window and maximum output, where the provider's page states them), merged over the model's deployments so that the answer holds
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
        return deployment.modelInfo().orElse(fromTable(deployment.provider(), deployment.upstreamModel()));
    }

    /** What the price table records of an upstream model: its context window and maximum output, where its page states them. */
    private ModelInfo fromTable(String provider, String upstreamModel) {
        Integer window = table.contextWindow(provider, upstreamModel).orElse(null);
        Integer maxOutput = table.find(provider, upstreamModel).map(ModelPrice::maxOutput).orElse(null);
        return new ModelInfo(window, maxOutput, null, null, null, null);
    }
}
