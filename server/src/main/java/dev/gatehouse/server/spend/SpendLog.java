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
    private final Clock clock;

    /**
     * @param writer      where rows go; null when spend logging is off
     * @param deployments the deployment that serves each public model name
     */
    public SpendLog(SpendWriter writer, Prices prices, List<Deployment> deployments, Clock clock) {
        this.writer = writer;
        this.prices = prices;
        Map<String, Deployment> byModel = new HashMap<>();
        deployments.forEach(d -> byModel.putIfAbsent(d.model(), d));
        this.deployments = Map.copyOf(byModel);
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

    /** The price of the deployment serving {@code model}, or null when it has none or no deployment serves it. */
    public ModelPrice priceOf(String model) {
        Deployment deployment = deployment(model);
        return deployment == null ? null : prices.of(deployment);
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
