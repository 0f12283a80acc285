package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * What a request may cost at most, reserved from its budgets before it is sent (docs/limits.md,
 * "Budgets"): its input, and all the output it allows, at its model's price.
 */
final class WorstCost {

    private final Function<String, ModelPrice> prices;
    private final LimitSettings settings;

    /** @param prices the price of the deployment serving a public model name, null when unknown */
    WorstCost(Function<String, ModelPrice> prices, LimitSettings settings) {
        this.prices = prices;
        this.settings = settings;
    }

    /**
     * The reservation of {@code demand} in nano-dollars, rounded up; 0 when no scope has a budget
     * (nothing is priced then) or only soft budgets and no price. Throws a 400 naming the model
     * when a scope has a {@code max_budget} and the model no known price: a budget is never spent
     * without limit.
     */
    long reservation(Demand demand, List<Scope> scopes) {
        if (scopes.stream().noneMatch(Scope::budgeted)) {
            return 0;
        }
        BigDecimal worst = of(demand);
        if (worst != null) {
            return Dollars.nanosUp(worst);
        }
        if (scopes.stream().anyMatch(s -> s.limits().maxBudget() != null)) {
            throw new GatewayException.BadRequest("The model '" + demand.model() + "' has no known price, so a "
                    + "budget can not be kept for it; set pricing: for its deployment in the configuration.", "model");
        }
        return 0;
    }

    /**
     * The most the request can cost: its input, and the output it allows — its own limit, else the
     * model's maximum output where the price table knows it, else the default — at the price that
     * applies to a prompt of its length (long-context tiers); for images their price. Null when unknown.
     */
    BigDecimal of(Demand demand) {
        ModelPrice price = prices.apply(demand.model());
        if (price == null) {
            return null;
        }
        price = price.forPrompt((int) Math.min(Integer.MAX_VALUE, demand.inputTokens()));
        int allowed = demand.outputTokens() != null ? demand.outputTokens()
                : price.maxOutput() != null ? price.maxOutput() : settings.defaultMaxOutputTokens();
        long outputTokens = (long) allowed * demand.choices();
        if (demand.images() > 0) {
            BigDecimal each = price.imagePrice(demand.imageQuality(), demand.imageSize());
            return each == null ? null : each.multiply(BigDecimal.valueOf(demand.images()));
        }
        if (price.inputPerMillion() == null || outputTokens > 0 && price.outputPerMillion() == null) {
            return null;
        }
        BigDecimal cost = price.inputPerMillion().multiply(BigDecimal.valueOf(demand.inputTokens()));
        if (outputTokens > 0) {
            cost = cost.add(price.outputPerMillion().multiply(BigDecimal.valueOf(outputTokens)));
        }
        return cost.divide(BigDecimal.valueOf(1_000_000));
    }
}
