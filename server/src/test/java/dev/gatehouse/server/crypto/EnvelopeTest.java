package dev.gatehouse.server.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** AES-256-GCM envelope encryption: round trips, and every kind of misuse fails closed. */
class EnvelopeTest {

    private final MasterKey master = MasterKeyring.generate();
    private final MasterKey other = MasterKeyring.generate();

    @Test
    void aSealedValueOpensWithItsMasterKeyAndRecordOnly() {
        Envelope.Sealed sealed = Envelope.seal(master, "cred_1", "openai", "sk-live-value-123456");
        assertEquals(master.id(), sealed.masterKeyId());
        assertEquals("sk-live-value-123456", Envelope.open(master, "cred_1", "openai", sealed));
        assertFalse(sealed.ciphertext().contains("sk-live"));
        assertThrows(MasterKeyException.class, () -> Envelope.open(other, "cred_1", "openai", sealed));
        assertThrows(MasterKeyException.class, () -> Envelope.open(master, "cred_2", "openai", sealed),
                "a ciphertext copied onto another record does not open");
        assertThrows(MasterKeyException.class, () -> Envelope.open(master, "cred_1", "anthropic", sealed),
                "a record renamed does not open");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        Envelope.Sealed a = Envelope.seal(master, "cred_1", "n", "same value here");
        Envelope.Sealed b = Envelope.seal(master, "cred_1", "n", "same value here");
        assertNotEquals(a.ciphertext(), b.ciphertext());
        assertNotEquals(a.wrappedKey(), b.wrappedKey());
    }

    @Test
    void aFlippedBitIsDetected() {
        Envelope.Sealed sealed = Envelope.seal(master, "cred_1", "n", "value-to-protect");
        byte[] bytes = Base64.getDecoder().decode(sealed.ciphertext());
        bytes[bytes.length - 3] ^= 1;
        Envelope.Sealed flipped = new Envelope.Sealed(sealed.masterKeyId(), sealed.wrappedKey(),
                Base64.getEncoder().encodeToString(bytes));
        assertThrows(MasterKeyException.class, () -> Envelope.open(master, "cred_1", "n", flipped));
        assertThrows(MasterKeyException.class, () -> Envelope.open(master, "cred_1", "n",
                new Envelope.Sealed(sealed.masterKeyId(), sealed.wrappedKey(), "AAAA")));
    }

    @Test
    void rewrappingChangesOnlyTheWrappedKey() {
        Envelope.Sealed sealed = Envelope.seal(master, "cred_1", "n", "value-to-protect");
        String rewrapped = Envelope.rewrap(master, other, "cred_1", "n", sealed.wrappedKey());
        Envelope.Sealed moved = new Envelope.Sealed(other.id(), rewrapped, sealed.ciphertext());
        assertEquals("value-to-protect", Envelope.open(other, "cred_1", "n", moved));
        assertThrows(MasterKeyException.class, () -> Envelope.open(master, "cred_1", "n", moved));
    }
}
