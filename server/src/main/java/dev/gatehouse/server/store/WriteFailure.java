package dev.gatehouse.server.store;

import java.sql.SQLException;

/**
 * Why a write failed, as a queued writer must tell it: the database refused these rows (their
 * values: a data exception or a broken constraint, SQLSTATE classes 22 and 23), or the database
 * could not take any row just then (unreachable, closed, out of space, a lock timeout, a missing
 * table: everything else). Rows it refused are split and set aside; a database that failed is
 * retried with every row kept, so an outage never costs a row.
 */
public enum WriteFailure {
    /** The database refused the values: the same rows would be refused again. */
    ROWS_REFUSED,
    /** The database failed: the same rows may well be written later. */
    DATABASE_FAILED;

    /** The kind of {@code failure}, read from the SQLSTATE codes in its causes. */
    public static WriteFailure of(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (refusesTheValues(next.getSQLState())) {
                        return ROWS_REFUSED;
                    }
                }
            }
        }
        return DATABASE_FAILED;
    }

    /** The SQLSTATE of the first SQL failure among the causes, for logs; "none" without one. */
    public static String state(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "none";
    }

    /** The innermost message, fitted to {@code max} characters (it may quote a refused value). */
    public static String reason(Throwable failure, int max) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof SQLException sql && sql.getNextException() != null) {
            cause = sql.getNextException();
        }
        String message = String.valueOf(cause.getMessage());
        return StoredText.fit(message.lines().findFirst().orElse(message), max);
    }

    private static boolean refusesTheValues(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
