package dev.gatehouse.server.crypto;

import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 master key and its id. The id is stored beside every data key it wraps, so a
 * keyring that holds several master keys (during a rotation) knows which one opens a record.
 * Like {@link dev.gatehouse.secret.Secret} it never prints its bytes and is not serializable.
 */
public final class MasterKey {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String id;
    private final SecretKey key;

    MasterKey(String id, byte[] bytes) {
        this.id = Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a master key id is 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("a master key is 32 bytes (AES-256), got " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    public String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
