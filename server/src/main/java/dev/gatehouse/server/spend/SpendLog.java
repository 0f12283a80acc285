package dev.gatehouse.server.spend;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The spend log as request handlers see it: a {@link SpendTicket} per request, filled in as the
 * request goes and queued to the {@link SpendWriter} when it ends. When spend logging is off,
 * tickets record nothing.
 */
public final class SpendLog implements AutoCloseable {

    private final SpendWriter writer;
    private final Prices prices;
    private final Map<String, Deployment> deployments;
    private final Map<String, List<Deployment>> groups;
    private final Clock clock;

    /**
     * @param writer      where rows go; null when spend logging is off
     * @param deployments every deployment; a row that no deployment served is priced by its model's first
     */
    public SpendLog(SpendWriter writer, Prices prices, List<Deployment> deployments, Clock clock) {
        this.writer = writer;
        this.prices = prices;
        Map<String, Deployment> byModel = new HashMap<>();
        Map<String, List<Deployment>> byGroup = new HashMap<>();
        deployments.forEach(d -> {
            byModel.putIfAbsent(d.model(), d);
            byGroup.computeIfAbsent(d.model(), m -> new java.util.ArrayList<>()).add(d);
        });
        this.deployments = Map.copyOf(byModel);
        this.groups = Map.copyOf(byGroup);
        this.clock = clock;
    }

    /** A ticket for a request on {@code route} that starts now. */
    public SpendTicket start(String route, String requestId) {
        return new SpendTicket(this, route, requestId, clock.millis(), System.nanoTime());
    }

    boolean enabled() {
        return writer != null;
    }

    Deployment deployment(String model) {
        return model == null ? null : deployments.get(model);
    }

    /**
     * The highest price among the deployments serving {@code model} (by input plus output per
     * million tokens), for reserving a request's worst case before routing picks one; null when
     * any of them has no known price, or no deployment serves it.
     */
    public ModelPrice priceOf(String model) {
        ModelPrice highest = null;
        for (Deployment deployment : model == null ? List.<Deployment>of() : groups.getOrDefault(model, List.of())) {
            ModelPrice price = prices.of(deployment);
            if (price == null) {
                return null;
            }
            if (highest == null || weight(price).compareTo(weight(highest)) > 0) {
                highest = price;
            }
        }
        return highest;
    }

    private static java.math.BigDecimal weight(ModelPrice price) {
        java.math.BigDecimal input = price.inputPerMillion() == null ? java.math.BigDecimal.ZERO : price.inputPerMillion();
        java.math.BigDecimal output = price.outputPerMillion() == null ? java.math.BigDecimal.ZERO : price.outputPerMillion();
        return input.add(output);
    }

    Prices prices() {
        return prices;
    }

    void submit(SpendRecord record) {
        if (writer != null) {
            writer.offer(record);
        }
    }

    /** The writer's metrics, if it runs. */
    public void scrape(StringBuilder out) {
        if (writer != null) {
            writer.scrape(out);
        }
    }

    /** Writes every queued row, then stops the writer. */
    @Override
    public void close() {
        if (writer != null) {
            writer.close();
        }
    }
}
