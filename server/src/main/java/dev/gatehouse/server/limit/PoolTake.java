package dev.gatehouse.server.limit;

/**
 * A take from a pool of leases, all or nothing with the others of its request. A pool is a
 * limit on what is held at once plus, for a budget, what has been spent: a concurrency limit is
 * a pool whose leases are worth one request each and that spends nothing; a budget period is a
 * pool whose leases are reservations of a request's worst-case cost and whose spent sum grows
 * by each request's real cost when it settles.
 *
 * @param name   the pool's name, unique per scope and kind (and period, for budgets)
 * @param budget true for a budget (it has a spent sum), false for a concurrency limit
 * @param limit  what spent plus held may reach; nano-dollars for budgets, requests for concurrency
 * @param amount what this request holds until it settles
 * @param seed   the spent sum to start from when the store has none (budgets); null until known
 * @param ttlSeconds how long the spent sum is kept after its last change (budgets; the rest of the
 *               period and a day), 0 for ever
 * @param soft   the spent sum at which a soft-budget alert is raised, once; -1 for none
 */
record PoolTake(String name, boolean budget, long limit, long amount, Long seed, long ttlSeconds, long soft) {

    PoolTake withSeed(long value) {
        return new PoolTake(name, budget, limit, amount, value, ttlSeconds, soft);
    }
}
