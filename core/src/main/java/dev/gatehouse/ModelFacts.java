package dev.gatehouse;

import dev.gatehouse.catalog.CatalogEntry;
import dev.gatehouse.catalog.Capabilities;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import java.util.List;

/**
 * What a public model can take and do, from its deployments: each deployment's own
 * {@code model_info}, else what the model catalog records of its model (its {@code base_model} when
 * it names one, else its upstream model): context window, maximum output and capabilities, merged
 * so that the answer holds whichever deployment routing picks ({@link ModelInfo#shared}).
 * {@code GET /v1/models} reports it, and the Anthropic and Responses front doors ask it whether a
 * model reasons (docs/agents.md, "What agents ask about models"; docs/catalog.md).
 */
final class ModelFacts {

    private ModelFacts() {}

    static ModelInfo of(List<Deployment> deployments, ModelCatalog catalog) {
        return ModelInfo.shared(deployments.stream().map(deployment -> of(deployment, catalog)).toList());
    }

    private static ModelInfo of(Deployment deployment, ModelCatalog catalog) {
        return deployment.modelInfo().orElse(catalog.find(deployment.provider(), deployment.catalogModel())
                .map(ModelFacts::fromCatalog).orElse(ModelInfo.UNKNOWN));
    }

    private static ModelInfo fromCatalog(CatalogEntry entry) {
        Capabilities can = entry.capabilities();
        return new ModelInfo(entry.contextWindow(), entry.maxOutputTokens(), can.tools(), can.vision(),
                can.reasoning(), can.jsonSchema());
    }
}
