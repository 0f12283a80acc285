package dev.gatehouse.server.limit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every limit a request is held to, typed: the pools (requests in flight, budgets) and the
 * per-minute windows (requests, tokens) of its key and its team. The store takes them all or
 * none; a refusal names the entry at the index the store answered.
 *
 * @param pools   pools in the order their takes are sent to the store
 * @param windows windows in the order their takes are sent to the store
 * @param tokens  the tokens the request counts in tokens-per-minute windows until it settles
 * @param reserve the worst-case cost it holds in budgets until it settles, nano-dollars
 */
record AdmissionPlan(List<Limit.Pool> pools, List<Limit.PerMinute> windows, long tokens, long reserve) {

    /** The plan of a model request. */
    static AdmissionPlan of(List<Scope> scopes, long tokens, long reserve, Instant now, LimitSettings settings) {
        List<Limit.Pool> pools = new ArrayList<>(4);
        List<Limit.PerMinute> windows = new ArrayList<>(4);
        for (Scope scope : scopes) {
            Integer parallel = maxParallel(scope, settings);
            if (parallel != null) {
                pools.add(new Limit.InFlight(scope, parallel));
            }
            if (scope.budgeted()) {
                pools.add(Limit.Budget.of(scope, now, reserve));
            }
            if (scope.limits().rpm() != null) {
                windows.add(new Limit.Requests(scope, scope.limits().rpm()));
            }
            if (scope.limits().tpm() != null) {
                windows.add(new Limit.Tokens(scope, scope.limits().tpm(), tokens));
            }
        }
        return new AdmissionPlan(pools, windows, tokens, reserve);
    }

    /** The plan of a request that calls no model: the requests-per-minute windows alone. */
    static AdmissionPlan requestsOnly(List<Scope> scopes) {
        List<Limit.PerMinute> windows = new ArrayList<>(2);
        for (Scope scope : scopes) {
            if (scope.limits().rpm() != null) {
                windows.add(new Limit.Requests(scope, scope.limits().rpm()));
            }
        }
        return new AdmissionPlan(List.of(), windows, 0, 0);
    }

    boolean isEmpty() {
        return pools.isEmpty() && windows.isEmpty();
    }

    /** The pools' takes, in a list the limiter may fill budgets' seeds into. */
    List<PoolTake> poolTakes() {
        List<PoolTake> takes = new ArrayList<>(pools.size());
        for (Limit.Pool pool : pools) {
            takes.add(pool.take());
        }
        return takes;
    }

    List<WindowTake> windowTakes() {
        List<WindowTake> takes = new ArrayList<>(windows.size());
        for (Limit.PerMinute window : windows) {
            takes.add(window.take());
        }
        return takes;
    }

    /**
     * Requests in flight a scope may have: its own {@code max_parallel_requests}; else, with a
     * {@code max_budget}, the settings' bound (so that many concurrent requests that each write
     * more than they reserved can not run far past the budget); else none.
     */
    private static Integer maxParallel(Scope scope, LimitSettings settings) {
        if (scope.limits().maxParallel() != null) {
            return scope.limits().maxParallel();
        }
        return scope.limits().maxBudget() != null && settings.budgetMaxParallelRequests() > 0
                ? settings.budgetMaxParallelRequests() : null;
    }
}
