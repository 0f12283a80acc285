package dev.gatehouse.server.limit;

import dev.gatehouse.server.audit.AuditEvent;
import dev.gatehouse.server.audit.AuditLog;
import java.time.Instant;

/**
 * A soft budget reached (docs/limits.md, "Soft budgets"): a WARNING, a
 * {@code budget.soft_reached} audit event and a count. The store decides that it is the first
 * time in the period, across instances with Redis; this only tells.
 */
final class SoftBudgetAlerts {

    private static final System.Logger LOG = System.getLogger(Limiter.class.getName());

    private final AuditLog audit;
    private final LimitMetrics metrics;

    SoftBudgetAlerts(AuditLog audit, LimitMetrics metrics) {
        this.audit = audit;
        this.metrics = metrics;
    }

    void reached(Limit.Budget budget) {
        metrics.softAlert();
        String target = budget.scope().kind() + ":" + budget.scope().id();
        // Through nano-dollars, as the store counts it: 40.50 reads 40.5.
        String text = Dollars.of(Dollars.nanos(budget.scope().limits().softBudget())).toPlainString();
        Instant periodStart = budget.period().start();
        LOG.log(System.Logger.Level.WARNING, () -> "soft budget of $" + text + " reached by " + target
                + " in the period starting " + periodStart);
        audit.record(AuditEvent.of("gatehouse", "budget.soft_reached", target, "limits")
                .with("soft_budget", text)
                .with("period_start", periodStart));
    }
}
