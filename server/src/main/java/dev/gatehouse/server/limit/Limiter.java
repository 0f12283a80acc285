package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.redis.SharedRedis;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Budgets and rate limits of keys, teams and end users (docs/limits.md), applied to every model
 * request between the key check and the upstream call: {@link #admit} takes the request's share of
 * every limit of its key, its team and its end user in one atomic step, or refuses it; its
 * {@link Admission} gives the share back when the request ends and charges the real cost.
 *
 * <p>What a request is held to is its {@link AdmissionPlan}; what it may cost at most, its
 * {@link WorstCost}; where it is counted, {@link LimitStores} (Redis, or this instance's memory).
 */
public final class Limiter implements AutoCloseable {

    private final LimitStores stores;
    private final WorstCost worstCost;
    private final SpendSoFar spendLog;
    private final SoftBudgetAlerts alerts;
    private final Clock clock;
    private final TokenEstimator tokenEstimator;
    private final LimitSettings settings;
    private final LimitMetrics metrics = new LimitMetrics();
    /** Lease names: this instance's random id and a counter, unique across instances without a random draw each. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();

    /**
     * @param redis      the shared Redis, or null to keep every limit in this instance's memory
     * @param prices     the price of the deployment serving a public model name, null when unknown
     * @param spendLog   where a budget period's spend so far is read from when no store has it
     * @param audit      where soft-budget alerts are recorded
     * @param tokenEstimator how a request's input tokens are counted before it is sent (the gateway's own)
     * @param settings   the output reserved for a model of unknown maximum, and the in-flight bound of budgets
     */
    public Limiter(SharedRedis redis, Function<String, ModelPrice> prices, SpendSoFar spendLog, AuditLog audit,
            Clock clock, TokenEstimator tokenEstimator, LimitSettings settings) {
        this.stores = new LimitStores(redis, clock, metrics);
        this.worstCost = new WorstCost(prices, settings);
        this.spendLog = spendLog;
        this.alerts = new SoftBudgetAlerts(audit, metrics);
        this.clock = clock;
        this.tokenEstimator = tokenEstimator;
        this.settings = settings;
    }

    /**
     * How a route's demand counts input tokens: the estimator the gateway routes with too, so
     * that a request's tokens are one figure for routing and limits alike.
     */
    public TokenEstimator tokenEstimator() {
        return tokenEstimator;
    }

    /**
     * Admits a request of {@code caller} for {@code demand}, or throws the refusal: a 429 for a
     * spent budget or a full rate window, a 400 for an unpriced model under a budget, a 503 when
     * the shared store is down and the configuration says to fail closed.
     *
     * @param headers receives the {@code x-ratelimit-*} headers, also when the request is refused
     */
    public Admission admit(Caller caller, Supplier<Demand> demandOf, Map<String, String> headers) {
        return admit(caller, null, demandOf, headers);
    }

    /**
     * Admits a request as {@link #admit(Caller, Supplier, Map)} does, held to the limits of the end
     * user it names as well (null: none), which are counted across every key that names it.
     */
    public Admission admit(Caller caller, EndUserLimits endUser, Supplier<Demand> demandOf,
            Map<String, String> headers) {
        List<Scope> scopes = Scope.of(caller, endUser, settings.endUserDefaults());
        if (scopes.isEmpty()) {
            return Admission.NONE;
        }
        Demand demand = demandOf.get();
        // Tokens per minute count the output a request allows only when it sets a limit, as OpenAI
        // does (https://platform.openai.com/docs/guides/rate-limits); a budget reserves the default.
        long tokens = demand.inputTokens()
                + (demand.outputTokens() != null ? (long) demand.outputTokens() * demand.choices() : 0);
        long reserve;
        try {
            reserve = worstCost.reservation(demand, scopes);
        } catch (GatewayException.BadRequest unpriced) {
            metrics.refused("unpriced");
            throw unpriced;
        }
        AdmissionPlan plan = AdmissionPlan.of(scopes, tokens, reserve, clock.instant(), settings);
        Taken taken = take(plan);
        Outcome outcome = taken.outcome();
        headers.putAll(RateLimitHeaders.of(plan.windows(), outcome));
        teamBudgetsSeen(plan, outcome);
        return switch (outcome.result()) {
            case ADMITTED -> new Admission(this, plan, taken.held(), Map.copyOf(headers));
            case POOL_FULL -> {
                Limit.Pool pool = plan.pools().get(outcome.index());
                metrics.refused(pool instanceof Limit.Budget ? "budget" : "parallel");
                if (pool instanceof Limit.Budget) {
                    headers.put("x-should-retry", "false");
                }
                throw pool.refusal(outcome.poolUsed()[outcome.index()]);
            }
            case WINDOW_FULL -> throw windowRefusal(plan, outcome);
            case NEEDS_SEED -> throw new IllegalStateException("a budget's spend could not be seeded");
        };
    }

    /**
     * Notes what is left of the team budgets {@code outcome} reports, for the metrics: every one
     * when admitted, the one that refused otherwise (the store reports no other).
     */
    private void teamBudgetsSeen(AdmissionPlan plan, Outcome outcome) {
        List<Limit.Pool> pools = plan.pools();
        for (int i = 0; i < pools.size(); i++) {
            boolean reported = outcome.result() == Outcome.Result.ADMITTED
                    || outcome.result() == Outcome.Result.POOL_FULL && outcome.index() == i;
            if (reported && pools.get(i) instanceof Limit.Budget budget && budget.scope().kind().equals("team")
                    && budget.scope().limits().maxBudget() != null) {
                metrics.teamBudget(budget.scope().id(), Dollars.nanos(budget.scope().limits().maxBudget()),
                        outcome.poolUsed()[i]);
            }
        }
    }

    /**
     * Counts a request that calls no model ({@code /v1/messages/count_tokens}) against the
     * requests-per-minute windows of its key and team, and nothing else: it uses no tokens, costs
     * nothing and is over at once, so tokens per minute, budgets and requests in flight are not
     * touched. Throws the 429 of a full window.
     *
     * @param headers receives the {@code x-ratelimit-*} headers of the requests windows
     */
    public void countRequest(Caller caller, Map<String, String> headers) {
        countRequest(caller, null, headers);
    }

    /** {@link #countRequest(Caller, Map)}, against the end user's requests per minute too (null: none). */
    public void countRequest(Caller caller, EndUserLimits endUser, Map<String, String> headers) {
        AdmissionPlan plan = AdmissionPlan.requestsOnly(Scope.of(caller, endUser, settings.endUserDefaults()));
        if (plan.isEmpty()) {
            return;
        }
        Outcome outcome = take(plan).outcome();
        headers.putAll(RateLimitHeaders.of(plan.windows(), outcome));
        if (outcome.result() == Outcome.Result.WINDOW_FULL) {
            throw windowRefusal(plan, outcome);
        }
    }

    private GatewayException windowRefusal(AdmissionPlan plan, Outcome outcome) {
        Limit.PerMinute window = plan.windows().get(outcome.index());
        metrics.refused(window instanceof Limit.Requests ? "rpm" : "tpm");
        return window.refusal(outcome.windowCounts()[outcome.index()], outcome.resetMillis());
    }

    /** A take's outcome, and what it holds where when admitted. */
    private record Taken(Held held, Outcome outcome) {}

    /**
     * Takes {@code plan} from the current store, or from the fallback when Redis fails during the
     * take; seeding from the spend log each budget period the store has no spent sum for yet.
     */
    private Taken take(AdmissionPlan plan) {
        String lease = instance + ":" + leases.incrementAndGet();
        List<PoolTake> pools = plan.poolTakes();
        List<WindowTake> windows = plan.windowTakes();
        LimitStore store = stores.current();
        Outcome outcome;
        try {
            outcome = seeded(store, lease, plan, pools, windows);
        } catch (SharedRedis.Unavailable down) {
            store = stores.fallback();
            outcome = seeded(store, lease, plan, pools, windows);
        }
        return new Taken(new Held(store, lease, pools, windows, outcome.window()), outcome);
    }

    private Outcome seeded(LimitStore store, String lease, AdmissionPlan plan, List<PoolTake> pools,
            List<WindowTake> windows) {
        Outcome outcome = store.take(lease, pools, windows);
        for (int attempt = 0; outcome.result() == Outcome.Result.NEEDS_SEED && attempt <= pools.size(); attempt++) {
            int i = outcome.index();
            Limit.Budget budget = (Limit.Budget) plan.pools().get(i);
            pools.set(i, pools.get(i).withSeed(Dollars.nanos(budget.spentSoFar(spendLog))));
            outcome = store.take(lease, pools, windows);
        }
        return outcome;
    }

    /** Gives back what {@code held} holds, charges {@code charged} nano-dollars and corrects the token count. */
    void settle(AdmissionPlan plan, Held held, long charged, long tokenDelta) {
        long[] spent = new long[held.pools().size()];
        for (int i = 0; i < spent.length; i++) {
            spent[i] = plan.pools().get(i) instanceof Limit.Budget ? charged : 0;
        }
        long[] delta = new long[held.windows().size()];
        for (int j = 0; j < delta.length; j++) {
            delta[j] = plan.windows().get(j) instanceof Limit.Tokens ? tokenDelta : 0;
        }
        boolean[] crossed;
        try {
            crossed = held.store().settle(held.lease(), held.pools(), spent, held.windows(), held.window(), delta);
        } catch (SharedRedis.Unavailable down) {
            // The holds lapse with their leases; the charge reaches the budget through the spend log
            // when the period's sum is next seeded.
            return;
        }
        for (int i = 0; i < crossed.length; i++) {
            if (crossed[i]) {
                alerts.reached((Limit.Budget) plan.pools().get(i));
            }
        }
    }

    /** Whether limited requests can be served: false only while Redis is down and failing closed. */
    public Health health() {
        return stores.health();
    }

    /** The limiter's state for readiness. */
    public enum Health {
        UP,
        /** Redis is down and failing open: limits hold per instance, not across them. */
        DEGRADED,
        /** Redis is down and failing closed: limited requests are refused. */
        DOWN
    }

    /**
     * What is left of each team's {@code max_budget} this period (spent and held subtracted), in
     * dollars, as this instance's last admission of a request of the team saw it; teams without
     * a request since the start are absent. Memory only: reading it never queries the database.
     */
    public Map<String, BigDecimal> teamBudgetsLeft() {
        return metrics.teamBudgetsLeft();
    }

    /** The limiter's metrics, Prometheus text. */
    public void scrape(StringBuilder out) {
        metrics.scrape(out, stores.redis());
    }

    /** Stops the Redis ping loop and lease renewals, and closes the Redis client. */
    @Override
    public void close() {
        stores.close();
    }
}
