package dev.gatehouse;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * What a public model can take and do, from its deployments: each deployment's own
 * {@code model_info}, else what the bundled price table records of its upstream model (its context
 * window and maximum output, where the provider's page states them; the table records no
 * capabilities), merged so that the answer holds whichever deployment routing picks
 * ({@link ModelInfo#shared}). {@code GET /v1/models} reports it, and the Anthropic front door asks
 * it whether a model reasons (docs/agents.md, "What agents ask about models").
 */
final class ModelFacts {

    /** Read once, when first asked for. */
    private static final class Bundled {
        static final PriceTable TABLE = PriceTable.bundled();
    }

    private ModelFacts() {}

    static ModelInfo of(List<Deployment> deployments) {
        return ModelInfo.shared(deployments.stream().map(ModelFacts::of).toList());
    }

    private static ModelInfo of(Deployment deployment) {
        return deployment.modelInfo().orElse(fromTable(deployment.provider(), deployment.upstreamModel()));
    }

    private static ModelInfo fromTable(String provider, String upstreamModel) {
        Integer window = Bundled.TABLE.contextWindow(provider, upstreamModel).orElse(null);
        Integer maxOutput = Bundled.TABLE.find(provider, upstreamModel).map(ModelPrice::maxOutput).orElse(null);
        return new ModelInfo(window, maxOutput, null, null, null, null);
    }
}
