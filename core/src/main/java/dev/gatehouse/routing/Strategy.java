package dev.gatehouse.routing;

import java.util.Locale;

/**
 * How a group picks one of its deployments for a request. Every strategy skips deployments
 * that are cooling down or at their rpm/tpm capacity, and prefers any deployment with a
 * weight above 0 over a drained one (weight 0); ties are broken at random by weight.
 */
public enum Strategy {
    /** At random, in proportion to each deployment's weight (the default). */
    WEIGHTED_RANDOM("weighted_random", "simple-shuffle"),
    /** The deployment with the fewest requests in flight on this instance. */
    LEAST_BUSY("least_busy", "least-busy"),
    /** The lowest moving average of latency (time to first token for streams); one never measured goes first. */
    LOWEST_LATENCY("lowest_latency", "latency-based-routing"),
    /** The most requests and tokens left in the current minute, against its rpm/tpm. */
    MOST_HEADROOM("most_headroom", "usage-based-routing-v2"),
    /** The lowest price per token (input plus output); a deployment without a known price goes last. */
    LOWEST_COST("lowest_cost", "cost-based-routing");

    private final String configName;
    private final String liteLlmName;

    Strategy(String configName, String liteLlmName) {
        this.configName = configName;
        this.liteLlmName = liteLlmName;
    }

    /** The name in gatehouse.yaml ({@code routing_strategy: least_busy}). */
    public String configName() {
        return configName;
    }

    /** LiteLLM's name for it in {@code router_settings.routing_strategy}. */
    public String liteLlmName() {
        return liteLlmName;
    }

    /**
     * The strategy a name means, in Gatehouse's or LiteLLM's spelling (LiteLLM's older
     * {@code usage-based-routing} is most headroom too); null when unknown.
     */
    public static Strategy named(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Strategy strategy : values()) {
            if (strategy.configName.equals(wanted) || strategy.liteLlmName.equals(wanted)) {
                return strategy;
            }
        }
        return "usage-based-routing".equals(wanted) ? MOST_HEADROOM : null;
    }
}
