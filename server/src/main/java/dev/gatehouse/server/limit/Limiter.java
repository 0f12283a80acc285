package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.server.audit.AuditEvent;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.redis.SharedRedis;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Budgets and rate limits of keys and teams (docs/limits.md), applied to every model request
 * between the key check and the upstream call: {@link #admit} takes the request's share of
 * every limit of its key and its team in one atomic step, or refuses it; its
 * {@link Admission} gives the share back when the request ends and charges the real cost.
 *
 * <p>With Redis the counters are shared by every instance; without it, or with
 * {@code on_failure: open} while Redis is down, they are this instance's.
 */
public final class Limiter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Limiter.class.getName());
    /** Nano-dollars per dollar: budgets are counted in whole nano-dollars, exact in Redis' integers. */
    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    private static final Duration PING_EVERY = Duration.ofSeconds(1);

    private final LocalLimitStore local;
    private final RedisLimitStore shared;
    private final SharedRedis redis;
    private final Function<String, ModelPrice> prices;
    private final SpendSoFar spendLog;
    private final AuditLog audit;
    private final Clock clock;
    private final InputTokens inputTokens;
    private final LimitSettings settings;
    private final LimitMetrics metrics = new LimitMetrics();
    /** Lease names: this instance's random id and a counter, unique across instances without a random draw each. */
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong leases = new AtomicLong();
    private final Thread pinger;
    private volatile boolean closed;

    /**
     * @param redis      the shared Redis, or null to keep every limit in this instance's memory
     * @param prices     the price of the deployment serving a public model name, null when unknown
     * @param spendLog   where a budget period's spend so far is read from when no store has it
     * @param audit      where soft-budget alerts are recorded
     * @param settings   the output reserved for a model of unknown maximum, and the in-flight bound of budgets
     */
    public Limiter(SharedRedis redis, Function<String, ModelPrice> prices, SpendSoFar spendLog, AuditLog audit,
            Clock clock, InputTokens inputTokens, LimitSettings settings) {
        this.local = new LocalLimitStore(clock);
        this.redis = redis;
        this.shared = redis == null ? null : new RedisLimitStore(redis, clock);
        this.prices = prices;
        this.spendLog = spendLog;
        this.audit = audit;
        this.clock = clock;
        this.inputTokens = inputTokens;
        this.settings = settings;
        this.pinger = redis == null ? null : Thread.ofVirtual().name("gatehouse-redis-ping").start(this::pingLoop);
    }

    public InputTokens inputTokens() {
        return inputTokens;
    }

    /** One limited scope of a request: the key or its team. */
    private record Scope(String kind, String id, Limits limits) {
        String owner() {
            return "the " + kind + "'s";
        }
    }

    /**
     * Admits a request of {@code caller} for {@code demand}, or throws the refusal: a 429 for a
     * spent budget or a full rate window, a 400 for an unpriced model under a budget, a 503 when
     * the shared store is down and the configuration says to fail closed.
     *
     * @param headers receives the {@code x-ratelimit-*} headers, also when the request is refused
     */
    public Admission admit(Caller caller, Supplier<Demand> demandOf, Map<String, String> headers) {
        List<Scope> scopes = scopes(caller);
        if (scopes.isEmpty()) {
            return Admission.NONE;
        }
        Demand demand = demandOf.get();
        Instant now = clock.instant();
        // Tokens per minute count the output a request allows only when it sets a limit, as OpenAI
        // does (https://platform.openai.com/docs/guides/rate-limits); a budget reserves the default.
        long tokens = demand.inputTokens()
                + (demand.outputTokens() != null ? (long) demand.outputTokens() * demand.choices() : 0);
        BigDecimal worst = null;
        boolean budgeted = scopes.stream().anyMatch(s -> s.limits().maxBudget() != null
                || s.limits().softBudget() != null);
        if (budgeted) {
            worst = worstCost(demand);
            if (worst == null && scopes.stream().anyMatch(s -> s.limits().maxBudget() != null)) {
                refused("unpriced");
                throw new GatewayException.BadRequest("The model '" + demand.model() + "' has no known price, so a "
                        + "budget can not be kept for it; set pricing: for its deployment in the configuration.",
                        "model");
            }
        }
        long reserve = worst == null ? 0 : nanosUp(worst);
        List<PoolTake> pools = new ArrayList<>();
        List<Scope> poolScopes = new ArrayList<>();
        List<BudgetPeriod> periods = new ArrayList<>();
        List<WindowTake> windows = new ArrayList<>();
        List<Scope> windowScopes = new ArrayList<>();
        for (Scope scope : scopes) {
            Limits l = scope.limits();
            Integer parallel = maxParallel(l);
            if (parallel != null) {
                pools.add(new PoolTake("cc:" + scope.kind() + ":" + scope.id(), false, parallel, 1, 0L, 0, -1));
                poolScopes.add(scope);
                periods.add(null);
            }
            if (l.maxBudget() != null || l.softBudget() != null) {
                BudgetPeriod period = BudgetPeriod.of(now, l.budgetPeriod(), l.budgetTimezone());
                long ttl = period.end() == null ? 0
                        : Duration.between(now, period.end()).toSeconds() + Duration.ofDays(1).toSeconds();
                pools.add(new PoolTake("budget:" + scope.kind() + ":" + scope.id() + ":" + period.id(), true,
                        l.maxBudget() == null ? Long.MAX_VALUE / 4 : nanos(l.maxBudget()), reserve, null, ttl,
                        l.softBudget() == null ? -1 : nanos(l.softBudget())));
                poolScopes.add(scope);
                periods.add(period);
            }
            if (l.rpm() != null) {
                windows.add(new WindowTake("rpm:" + scope.kind() + ":" + scope.id(), l.rpm(), 1));
                windowScopes.add(scope);
            }
            if (l.tpm() != null) {
                windows.add(new WindowTake("tpm:" + scope.kind() + ":" + scope.id(), l.tpm(), tokens));
                windowScopes.add(scope);
            }
        }
        String lease = instance + ":" + leases.incrementAndGet();
        LimitStore store = store();
        Outcome outcome;
        try {
            outcome = take(store, lease, pools, poolScopes, periods, windows);
        } catch (SharedRedis.Unavailable down) {
            store = fallback();
            outcome = take(store, lease, pools, poolScopes, periods, windows);
        }
        headers.putAll(RateLimitHeaders.of(windows, outcome));
        switch (outcome.result()) {
            case ADMITTED -> {
                return new Admission(this, store, lease, List.copyOf(pools), List.copyOf(windows), outcome.window(),
                        reserve, tokens, Map.copyOf(headers));
            }
            case POOL_FULL -> {
                PoolTake pool = pools.get(outcome.index());
                Scope scope = poolScopes.get(outcome.index());
                if (!pool.budget()) {
                    refused("parallel");
                    String whose = scope.limits().maxParallel() != null ? "" : " (the bound of a budget without "
                            + "max_parallel_requests of its own)";
                    throw new GatewayException.RateLimited(capitalized(scope.owner()) + " limit of "
                            + pool.limit() + " requests in flight at once" + whose + " is reached; try again when"
                            + " one has finished.", Duration.ofSeconds(1), false, null);
                }
                refused("budget");
                headers.put("x-should-retry", "false");
                throw new LimitErrors.BudgetSpent(budgetMessage(scope, periods.get(outcome.index()),
                        outcome.poolUsed()[outcome.index()], reserve));
            }
            case WINDOW_FULL -> {
                WindowTake window = windows.get(outcome.index());
                Scope scope = windowScopes.get(outcome.index());
                boolean requests = window.name().startsWith("rpm:");
                refused(requests ? "rpm" : "tpm");
                String message = requests
                        ? capitalized(scope.owner()) + " limit of " + window.limit() + " requests per minute is reached."
                        : "This request's estimated " + window.amount() + " tokens would pass " + scope.owner()
                                + " limit of " + window.limit() + " tokens per minute ("
                                + outcome.windowCounts()[outcome.index()] + " used this minute).";
                throw new GatewayException.RateLimited(message,
                        Duration.ofMillis(Math.max(1, outcome.resetMillis())), false, null);
            }
            default -> throw new IllegalStateException("a budget's spend could not be seeded");
        }
    }

    /**
     * Requests in flight a scope may have: its own {@code max_parallel_requests}; else, with a
     * {@code max_budget}, the settings' bound (so that many concurrent requests that each write
     * more than they reserved can not run far past the budget); else none.
     */
    private Integer maxParallel(Limits limits) {
        if (limits.maxParallel() != null) {
            return limits.maxParallel();
        }
        return limits.maxBudget() != null && settings.budgetMaxParallelRequests() > 0
                ? settings.budgetMaxParallelRequests() : null;
    }

    /** The key and its team, each where it has limits. */
    private static List<Scope> scopes(Caller caller) {
        List<Scope> scopes = new ArrayList<>(2);
        if (limited(caller.key().limits())) {
            scopes.add(new Scope("key", caller.keyId(), caller.key().limits()));
        }
        caller.team().map(Team::limits).filter(Limiter::limited)
                .ifPresent(limits -> scopes.add(new Scope("team", caller.team().get().id(), limits)));
        return scopes;
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
        List<WindowTake> windows = new ArrayList<>(2);
        List<Scope> windowScopes = new ArrayList<>(2);
        for (Scope scope : scopes(caller)) {
            if (scope.limits().rpm() != null) {
                windows.add(new WindowTake("rpm:" + scope.kind() + ":" + scope.id(), scope.limits().rpm(), 1));
                windowScopes.add(scope);
            }
        }
        if (windows.isEmpty()) {
            return;
        }
        String lease = instance + ":" + leases.incrementAndGet();
        Outcome outcome;
        try {
            outcome = store().take(lease, List.of(), windows);
        } catch (SharedRedis.Unavailable down) {
            outcome = fallback().take(lease, List.of(), windows);
        }
        headers.putAll(RateLimitHeaders.of(windows, outcome));
        if (outcome.result() == Outcome.Result.WINDOW_FULL) {
            Scope scope = windowScopes.get(outcome.index());
            refused("rpm");
            throw new GatewayException.RateLimited(capitalized(scope.owner()) + " limit of "
                    + windows.get(outcome.index()).limit() + " requests per minute is reached.",
                    Duration.ofMillis(Math.max(1, outcome.resetMillis())), false, null);
        }
    }

    /** Takes, seeding from the spend log each budget period the store has no spent sum for yet. */
    private Outcome take(LimitStore store, String lease, List<PoolTake> pools, List<Scope> poolScopes,
            List<BudgetPeriod> periods, List<WindowTake> windows) {
        Outcome outcome = store.take(lease, pools, windows);
        for (int attempt = 0; outcome.result() == Outcome.Result.NEEDS_SEED && attempt <= pools.size(); attempt++) {
            int i = outcome.index();
            pools.set(i, pools.get(i).withSeed(seed(poolScopes.get(i), periods.get(i))));
            outcome = store.take(lease, pools, windows);
        }
        return outcome;
    }

    void settle(Admission admission, LimitStore store, String lease, List<PoolTake> pools, List<WindowTake> windows,
            long window, long charged, long tokenDelta) {
        long[] spent = new long[pools.size()];
        for (int i = 0; i < spent.length; i++) {
            spent[i] = pools.get(i).budget() ? charged : 0;
        }
        long[] delta = new long[windows.size()];
        for (int j = 0; j < delta.length; j++) {
            delta[j] = windows.get(j).name().startsWith("tpm:") ? tokenDelta : 0;
        }
        boolean[] crossed;
        try {
            crossed = store.settle(lease, pools, spent, windows, window, delta);
        } catch (SharedRedis.Unavailable down) {
            // The holds lapse with their leases; the charge reaches the budget through the spend log
            // when the period's sum is next seeded.
            return;
        }
        for (int i = 0; i < crossed.length; i++) {
            if (crossed[i]) {
                softAlert(pools.get(i));
            }
        }
    }

    private void softAlert(PoolTake pool) {
        metrics.softAlert();
        String[] parts = pool.name().split(":");
        String target = parts[1] + ":" + parts[2];
        BigDecimal soft = dollars(pool.soft());
        Instant periodStart = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        LOG.log(System.Logger.Level.WARNING, () -> "soft budget of $" + soft.toPlainString() + " reached by " + target
                + " in the period starting " + periodStart);
        audit.record(AuditEvent.of("gatehouse", "budget.soft_reached", target, "limits")
                .with("soft_budget", soft.toPlainString())
                .with("period_start", periodStart));
    }

    /** Where takes go now: Redis while it answers; else this instance, or a refusal when failing closed. */
    private LimitStore store() {
        if (shared == null) {
            return local;
        }
        if (redis.isAvailable()) {
            return shared;
        }
        return fallback();
    }

    private LimitStore fallback() {
        if (redis.settings().onFailure() == RedisSettings.OnFailure.CLOSED) {
            refused("unavailable");
            throw new LimitErrors.Unavailable();
        }
        metrics.fallback();
        return local;
    }

    private long seed(Scope scope, BudgetPeriod period) {
        BigDecimal spent = scope.kind().equals("key") ? spendLog.ofKey(scope.id(), period.start())
                : spendLog.ofTeam(scope.id(), period.start());
        return nanos(spent);
    }

    /**
     * The most the request can cost: its input, and the output it allows — its own limit, else the
     * model's maximum output where the price table knows it, else the default — at the price that
     * applies to a prompt of its length (long-context tiers); for images their price. Null when unknown.
     */
    private BigDecimal worstCost(Demand demand) {
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

    private String budgetMessage(Scope scope, BudgetPeriod period, long used, long reserve) {
        Limits l = scope.limits();
        String kind = l.budgetPeriod() == null ? "" : l.budgetPeriod() + " ";
        String spent = used >= nanos(l.maxBudget()) ? " is spent" : " is nearly spent ($" + money(dollars(used))
                + " spent or held by requests in flight, and this request may cost up to $"
                + money(dollars(reserve)) + ")";
        String reset = period.end() == null ? "; it does not reset."
                : "; it resets at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(period.end().atZone(
                        l.budgetTimezone() == null ? ZoneOffset.UTC : ZoneId.of(l.budgetTimezone()))) + ".";
        return capitalized(scope.owner()) + " " + kind + "budget of $" + money(l.maxBudget()) + spent + reset;
    }

    private static boolean limited(Limits limits) {
        return limits.maxBudget() != null || limits.softBudget() != null || limits.rpm() != null
                || limits.tpm() != null || limits.maxParallel() != null;
    }

    static long nanos(BigDecimal dollars) {
        return dollars.multiply(NANOS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Reservations round up: a reservation never undercounts. */
    private static long nanosUp(BigDecimal dollars) {
        return dollars.multiply(NANOS).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal dollars(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS);
    }

    private static String money(BigDecimal dollars) {
        return dollars.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private void refused(String why) {
        metrics.refused(why);
    }

    /** Whether limited requests can be served: false only while Redis is down and failing closed. */
    public Health health() {
        if (redis == null || redis.isAvailable()) {
            return Health.UP;
        }
        return redis.settings().onFailure() == RedisSettings.OnFailure.CLOSED ? Health.DOWN : Health.DEGRADED;
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
     * Asks Redis once at start (so that readiness is right before the first request), then
     * every second while it is down, to notice it coming back while nothing else is sent to it.
     */
    private void pingLoop() {
        redis.ping();
        while (!closed) {
            try {
                Thread.sleep(PING_EVERY);
            } catch (InterruptedException e) {
                return;
            }
            if (!redis.isAvailable()) {
                redis.ping();
            }
        }
    }

    /** The limiter's metrics, Prometheus text. */
    public void scrape(StringBuilder out) {
        metrics.scrape(out, redis);
    }

    @Override
    public void close() {
        closed = true;
        if (pinger != null) {
            pinger.interrupt();
        }
        if (shared != null) {
            shared.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
