package dev.gatehouse.server.store;

/** The store could not do what was asked: the database is unreachable, a statement failed, a migration is wrong. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
