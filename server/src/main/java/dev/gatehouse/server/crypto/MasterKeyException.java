package dev.gatehouse.server.crypto;

/** A master key is missing, malformed, unreadable or exposed. Messages never contain key material. */
public final class MasterKeyException extends RuntimeException {

    public MasterKeyException(String message) {
        super(message);
    }
}
