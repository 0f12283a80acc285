package dev.gatehouse.server.limit;

import dev.gatehouse.server.redis.SharedRedis;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The limiter's counters: refusals by reason, fallbacks to local limits, soft-budget alerts; Redis'
 * state; and what is left of each team's budget as the last admission saw it.
 */
final class LimitMetrics {

    private final LongAdder fallbacks = new LongAdder();
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();
    private final LongAdder softAlerts = new LongAdder();
    /** Team id to what is left of its max_budget, nano-dollars: written by admissions, read by scrapes. */
    private final Map<String, Long> teamBudgetLeft = new ConcurrentHashMap<>();

    void refused(String why) {
        refusals.computeIfAbsent(why, k -> new LongAdder()).increment();
    }

    /** A team's budget of {@code limitNanos} had {@code usedNanos} spent or held at an admission. */
    void teamBudget(String teamId, long limitNanos, long usedNanos) {
        teamBudgetLeft.put(teamId, limitNanos - usedNanos);
    }

    /** Each team's budget left, in dollars, as last seen (a copy). */
    Map<String, BigDecimal> teamBudgetsLeft() {
        Map<String, BigDecimal> left = new HashMap<>(teamBudgetLeft.size() * 2);
        teamBudgetLeft.forEach((team, nanos) -> left.put(team, Dollars.of(nanos)));
        return left;
    }

    void fallback() {
        fallbacks.increment();
    }

    void softAlert() {
        softAlerts.increment();
    }

    /** Prometheus text; the Redis lines only when Redis is configured. */
    void scrape(StringBuilder out, SharedRedis redis) {
        if (redis != null) {
            out.append("# HELP gatehouse_redis_up Whether the shared Redis answered its last command.\n");
            out.append("# TYPE gatehouse_redis_up gauge\n");
            out.append("gatehouse_redis_up ").append(redis.isAvailable() ? 1 : 0).append('\n');
            out.append("# HELP gatehouse_redis_failures_total Redis commands that failed.\n");
            out.append("# TYPE gatehouse_redis_failures_total counter\n");
            out.append("gatehouse_redis_failures_total ").append(redis.failures()).append('\n');
            out.append("# HELP gatehouse_limit_fallbacks_total Limited requests served under this instance's own"
                    + " limits while Redis was down.\n");
            out.append("# TYPE gatehouse_limit_fallbacks_total counter\n");
            out.append("gatehouse_limit_fallbacks_total ").append(fallbacks.sum()).append('\n');
        }
        out.append("# HELP gatehouse_limit_refusals_total Requests refused by a budget or rate limit, by reason.\n");
        out.append("# TYPE gatehouse_limit_refusals_total counter\n");
        refusals.forEach((why, count) ->
                out.append("gatehouse_limit_refusals_total{reason=\"").append(why).append("\"} ")
                        .append(count.sum()).append('\n'));
        out.append("# HELP gatehouse_soft_budget_alerts_total Soft budgets reached (once per period each).\n");
        out.append("# TYPE gatehouse_soft_budget_alerts_total counter\n");
        out.append("gatehouse_soft_budget_alerts_total ").append(softAlerts.sum()).append('\n');
    }
}
