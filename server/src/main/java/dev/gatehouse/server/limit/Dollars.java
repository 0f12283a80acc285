package dev.gatehouse.server.limit;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Budgets are counted in whole nano-dollars: exact in Redis' integers, and a billion of them
 * still fit a long for any budget a person would set.
 */
final class Dollars {

    private static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);

    private Dollars() {}

    static long nanos(BigDecimal dollars) {
        return dollars.multiply(NANOS).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    /** Reservations round up: a reservation never undercounts. */
    static long nanosUp(BigDecimal dollars) {
        return dollars.multiply(NANOS).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal of(long nanos) {
        return BigDecimal.valueOf(nanos).divide(NANOS);
    }

    /** Dollars and cents, for messages: {@code 49.80}. */
    static String text(BigDecimal dollars) {
        return dollars.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
