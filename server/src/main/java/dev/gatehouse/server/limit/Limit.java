package dev.gatehouse.server.limit;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.auth.Limits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One limit of one scope that a request is held to: an entry of its {@link AdmissionPlan}. Each
 * kind knows its take from the store and words its own refusal. Counter names ({@code rpm:key:…},
 * {@code budget:team:…:period}) are what Redis keys are made of: they stay as they are, so that
 * instances of different versions share one count.
 */
sealed interface Limit {

    Scope scope();

    /** A limit counted in fixed one-minute windows. */
    sealed interface PerMinute extends Limit {

        /** What the window's count may reach. */
        long limit();

        WindowTake take();

        /** The 429 of a full window that held {@code count} this minute and resets in {@code resetMillis}. */
        GatewayException.RateLimited refusal(long count, long resetMillis);
    }

    /** A limit on what is held at once (and, for a budget, spent): a pool of leases. */
    sealed interface Pool extends Limit {

        PoolTake take();

        /** The refusal of a pool whose spent and held sum was {@code used}. */
        GatewayException refusal(long used);
    }

    /** {@code rpm_limit}: requests per minute, one each. */
    record Requests(Scope scope, long limit) implements PerMinute {
        @Override
        public WindowTake take() {
            return new WindowTake(scope.counter("rpm"), limit, 1);
        }

        @Override
        public GatewayException.RateLimited refusal(long count, long resetMillis) {
            return rateLimited(scope.ownerCapitalized() + " limit of " + limit + " requests per minute is reached.",
                    resetMillis);
        }
    }

    /** {@code tpm_limit}: tokens per minute, the request's estimate until its real usage is known. */
    record Tokens(Scope scope, long limit, long tokens) implements PerMinute {
        @Override
        public WindowTake take() {
            return new WindowTake(scope.counter("tpm"), limit, tokens);
        }

        @Override
        public GatewayException.RateLimited refusal(long count, long resetMillis) {
            return rateLimited("This request's estimated " + tokens + " tokens would pass " + scope.owner()
                    + " limit of " + limit + " tokens per minute (" + count + " used this minute).", resetMillis);
        }
    }

    /**
     * {@code max_parallel_requests}, or the bound a budget without one gets
     * ({@link LimitSettings#budgetMaxParallelRequests()}).
     */
    record InFlight(Scope scope, int limit) implements Pool {
        @Override
        public PoolTake take() {
            return new PoolTake(scope.counter("cc"), false, limit, 1, 0L, 0, -1);
        }

        @Override
        public GatewayException refusal(long used) {
            String whose = scope.limits().maxParallel() != null ? ""
                    : " (the bound of a budget without max_parallel_requests of its own)";
            return new GatewayException.RateLimited(scope.ownerCapitalized() + " limit of " + limit
                    + " requests in flight at once" + whose + " is reached; try again when one has finished.",
                    Duration.ofSeconds(1), false, null);
        }
    }

    /**
     * {@code max_budget} and {@code soft_budget} in one period: a pool of reservations whose spent
     * sum grows by each request's real cost.
     *
     * @param reserve this request's worst-case cost, nano-dollars
     * @param ttlSeconds how long the store keeps the spent sum: the rest of the period and a day; 0 for ever
     */
    record Budget(Scope scope, BudgetPeriod period, long reserve, long ttlSeconds) implements Pool {

        static Budget of(Scope scope, Instant now, long reserve) {
            Limits l = scope.limits();
            BudgetPeriod period = BudgetPeriod.of(now, l.budgetPeriod(), l.budgetTimezone());
            long ttl = period.end() == null ? 0
                    : Duration.between(now, period.end()).toSeconds() + Duration.ofDays(1).toSeconds();
            return new Budget(scope, period, reserve, ttl);
        }

        @Override
        public PoolTake take() {
            Limits l = scope.limits();
            // A soft budget alone refuses nothing: its limit is out of reach.
            return new PoolTake(scope.counter("budget") + ":" + period.id(), true,
                    l.maxBudget() == null ? Long.MAX_VALUE / 4 : Dollars.nanos(l.maxBudget()), reserve, null,
                    ttlSeconds, l.softBudget() == null ? -1 : Dollars.nanos(l.softBudget()));
        }

        /** What the spend log says the scope spent in the period so far: where a store without a sum starts. */
        BigDecimal spentSoFar(SpendSoFar log) {
            return switch (scope.kind()) {
                case "key" -> log.ofKey(scope.id(), period.start());
                case Scope.END_USER -> log.ofEndUser(scope.id(), period.start());
                default -> log.ofTeam(scope.id(), period.start());
            };
        }

        @Override
        public GatewayException refusal(long used) {
            Limits l = scope.limits();
            String kind = l.budgetPeriod() == null ? "" : l.budgetPeriod() + " ";
            String spent = used >= Dollars.nanos(l.maxBudget()) ? " is spent"
                    : " is nearly spent ($" + Dollars.text(Dollars.of(used))
                            + " spent or held by requests in flight, and this request may cost up to $"
                            + Dollars.text(Dollars.of(reserve)) + ")";
            String reset = period.end() == null ? "; it does not reset."
                    : "; it resets at " + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(period.end().atZone(
                            l.budgetTimezone() == null ? ZoneOffset.UTC : ZoneId.of(l.budgetTimezone()))) + ".";
            return new LimitErrors.BudgetSpent(scope.ownerCapitalized() + " " + kind + "budget of $"
                    + Dollars.text(l.maxBudget()) + spent + reset);
        }
    }

    private static GatewayException.RateLimited rateLimited(String message, long resetMillis) {
        return new GatewayException.RateLimited(message, Duration.ofMillis(Math.max(1, resetMillis)), false, null);
    }
}
