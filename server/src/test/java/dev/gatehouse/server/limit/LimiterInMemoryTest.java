package dev.gatehouse.server.limit;

import dev.gatehouse.provider.TokenEstimator;

/** The limiter's contract with this instance's memory as the store (no Redis configured). */
class LimiterInMemoryTest extends LimiterContract {

    @Override
    Limiter newLimiter(SpendSoFar spend, LimitSettings settings) {
        return new Limiter(null, prices()::get, spend, control.audit(), clock, TokenEstimator.CHARACTERS, settings);
    }
}
