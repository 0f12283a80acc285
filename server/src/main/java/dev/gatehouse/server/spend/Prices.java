package dev.gatehouse.server.spend;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.pricing.PriceTable;
import dev.gatehouse.provider.Deployment;
import java.util.Map;

/**
 * The price of a deployment: its own {@code pricing:} from the configuration when it has one,
 * otherwise the bundled table's price of its provider and upstream model, otherwise none. The
 * mock provider answers from inside Gatehouse and costs nothing: its price is zero, known.
 */
public final class Prices {

    private static final ModelPrice FREE = ModelPrice.tokens("0", "0");

    private final PriceTable table;
    private final Map<String, ModelPrice> overrides;

    /** @param overrides prices set in the configuration, by {@link #key(Deployment)} */
    public Prices(PriceTable table, Map<String, ModelPrice> overrides) {
        this.table = table;
        this.overrides = Map.copyOf(overrides);
    }

    /** How a configured price is found: the provider and upstream model it is the price of. */
    public static String key(Deployment deployment) {
        return deployment.provider() + "/" + deployment.upstreamModel();
    }

    /** The deployment's price, or null when neither the configuration nor the bundled table has one. */
    public ModelPrice of(Deployment deployment) {
        ModelPrice configured = overrides.get(key(deployment));
        if (configured != null) {
            return configured;
        }
        return "mock".equals(deployment.provider()) ? FREE
                : table.find(deployment.provider(), deployment.upstreamModel()).orElse(null);
    }
}
