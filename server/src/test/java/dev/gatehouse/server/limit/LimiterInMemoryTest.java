package dev.gatehouse.server.limit;

/** The limiter's contract with this instance's memory as the store (no Redis configured). */
class LimiterInMemoryTest extends LimiterContract {

    @Override
    Limiter newLimiter(SpendSoFar spend) {
        return new Limiter(null, prices()::get, spend, control.audit(), clock, InputTokens.ESTIMATE,
                Limiter.DEFAULT_MAX_OUTPUT);
    }
}
