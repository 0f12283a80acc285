package dev.gatehouse.server.spend;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.catalog.ModelCatalog;
import dev.gatehouse.provider.Deployment;
import java.util.Map;

/**
 * The price of a deployment: its own {@code pricing:} from the configuration when it has one
 * (with the catalog's maximum output where it states none, for budget reservations), otherwise the
 * model catalog's price of its provider and model (its {@code base_model} when it names one,
 * docs/catalog.md), otherwise none. The mock provider answers from inside Gatehouse and costs
 * nothing: its price is zero, known.
 */
public final class Prices {

    private static final ModelPrice FREE = ModelPrice.tokens("0", "0");

    private final ModelCatalog catalog;
    private final Map<String, ModelPrice> overrides;

    /** @param overrides prices set in the configuration, by {@link #key(Deployment)} */
    public Prices(ModelCatalog catalog, Map<String, ModelPrice> overrides) {
        this.catalog = catalog;
        this.overrides = Map.copyOf(overrides);
    }

    /** How a configured price is found: the provider and upstream model it is the price of. */
    public static String key(Deployment deployment) {
        return deployment.provider() + "/" + deployment.upstreamModel();
    }

    /** The deployment's price, or null when neither the configuration nor the catalog has one. */
    public ModelPrice of(Deployment deployment) {
        ModelPrice configured = overrides.get(key(deployment));
        if ("mock".equals(deployment.provider())) {
            return configured != null ? configured : FREE;
        }
        ModelPrice listed = catalog.price(deployment.provider(), deployment.catalogModel()).orElse(null);
        if (configured == null) {
            return listed;
        }
        return configured.maxOutput() == null && listed != null ? configured.withMaxOutput(listed.maxOutput())
                : configured;
    }
}
