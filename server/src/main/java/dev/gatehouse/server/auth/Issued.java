package dev.gatehouse.server.auth;

/**
 * A key and its secret, as returned once, when the key is made or rotated: only the secret's
 * hash is stored. Printing it shows the key's id, never the secret.
 */
public record Issued<K extends Issued.Key>(K key, String secret) {

    /** A key that can be issued: it has an id to show in place of its secret. */
    public interface Key {
        String id();
    }

    @Override
    public String toString() {
        return "Issued[" + key.id() + ", secret ****]";
    }
}
