package dev.gatehouse.routing;

import dev.gatehouse.provider.Deployment;
import java.util.Locale;

/**
 * How a group picks one of its deployments for a request. Every strategy skips deployments
 * that are cooling down or at their rpm/tpm capacity, and prefers any deployment with a
 * weight above 0 over a drained one (weight 0); ties are broken at random by weight.
 */
public enum Strategy {
    /** At random, in proportion to each deployment's weight (the default). */
    WEIGHTED_RANDOM("weighted_random", "simple-shuffle") {
        @Override
        boolean ranks() {
            return false;
        }

        @Override
        double score(Deployment deployment, DeploymentSignals signals) {
            return 0;
        }
    },
    /** The deployment with the fewest requests in flight on this instance. */
    LEAST_BUSY("least_busy", "least-busy") {
        @Override
        double score(Deployment deployment, DeploymentSignals signals) {
            return signals.inFlight(deployment);
        }
    },
    /** The lowest moving average of latency (time to first token for streams); one never measured goes first. */
    LOWEST_LATENCY("lowest_latency", "latency-based-routing") {
        @Override
        double score(Deployment deployment, DeploymentSignals signals) {
            double latency = signals.latencyMillis(deployment);
            return Double.isNaN(latency) ? -1 : latency;
        }
    },
    /** The most requests and tokens left in the current minute, against its rpm/tpm. */
    MOST_HEADROOM("most_headroom", "usage-based-routing-v2") {
        @Override
        double score(Deployment deployment, DeploymentSignals signals) {
            return -signals.headroom(deployment);
        }
    },
    /** The lowest price per token (input plus output); a deployment without a known price goes last. */
    LOWEST_COST("lowest_cost", "cost-based-routing") {
        @Override
        double score(Deployment deployment, DeploymentSignals signals) {
            return signals.pricePerMillion(deployment);
        }
    };

    private final String configName;
    private final String liteLlmName;

    Strategy(String configName, String liteLlmName) {
        this.configName = configName;
        this.liteLlmName = liteLlmName;
    }

    /**
     * Whether it ranks deployments by {@link #score}; one that does not picks by weight alone,
     * without scoring (the default strategy, on every request: no work it does not need).
     */
    boolean ranks() {
        return true;
    }

    /** The deployment's score now: the lowest wins, ties are broken at random by weight. */
    abstract double score(Deployment deployment, DeploymentSignals signals);

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
