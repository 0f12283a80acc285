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
    /** The deployments served, replaced as a whole when the configuration is reloaded. */
    private volatile Served served;
    private final Clock clock;
    /** The deployments serving a name no model is configured under (an alias, a wildcard model's name). */
    private volatile java.util.function.Function<String, List<Deployment>> resolver = model -> List.of();

    /** Each model's first deployment (to price a row no deployment served) and all of them (to reserve). */
    private record Served(Map<String, Deployment> first, Map<String, List<Deployment>> groups) {
        static Served of(List<Deployment> deployments) {
            Map<String, Deployment> first = new HashMap<>();
            Map<String, List<Deployment>> groups = new HashMap<>();
            for (Deployment d : deployments) {
                first.putIfAbsent(d.model(), d);
                groups.computeIfAbsent(d.model(), m -> new java.util.ArrayList<>()).add(d);
            }
            return new Served(Map.copyOf(first), Map.copyOf(groups));
        }
    }

    /**
     * @param writer      where rows go; null when spend logging is off
     * @param deployments every deployment; a row that no deployment served is priced by its model's first
     */
    public SpendLog(SpendWriter writer, Prices prices, List<Deployment> deployments, Clock clock) {
        this.writer = writer;
        this.prices = prices;
        this.served = Served.of(deployments);
        this.clock = clock;
    }

    /** Serves {@code deployments} from now on (a reloaded configuration); prices stay as they were. */
    public void serve(List<Deployment> deployments) {
        this.served = Served.of(deployments);
    }

    /**
     * Looks up the deployments of names that are no configured model's own, such as
     * {@code openai/gpt-4o} served by the wildcard model {@code openai/*}: each as it would serve
     * that name (its upstream model the requested one), so that it is priced from the catalog.
     */
    public void resolveWith(java.util.function.Function<String, List<Deployment>> deploymentsOf) {
        this.resolver = deploymentsOf;
    }

    /** A ticket for a request on {@code route} that starts now. */
    public SpendTicket start(String route, String requestId) {
        return new SpendTicket(this, route, requestId, clock.millis(), System.nanoTime());
    }

    boolean enabled() {
        return writer != null;
    }

    Deployment deployment(String model) {
        return model == null ? null : served.first().get(model);
    }

    /**
     * The highest price among the deployments serving {@code model} (by input plus output per
     * million tokens), for reserving a request's worst case before routing picks one; null when
     * any of them has no known price, or no deployment serves it.
     */
    public ModelPrice priceOf(String model) {
        ModelPrice highest = null;
        List<Deployment> group = model == null ? List.of() : served.groups().get(model);
        for (Deployment deployment : group != null ? group : resolver.apply(model)) {
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

    /**
     * What a request served by {@code deployment} is charged at: the configured or bundled price
     * this spend log was started with (a reload keeps it); null when unknown.
     */
    public ModelPrice priceOf(Deployment deployment) {
        return prices.of(deployment);
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
