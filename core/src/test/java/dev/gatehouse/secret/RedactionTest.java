package dev.gatehouse.secret;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Serializable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "sk-proj-AbCdEf0123456789AbCdEf0123456789",
        "sk-ant-api03-AbCdEf0123456789AbCdEf0123456789",
        "gsk_AbCdEf0123456789AbCdEf0123456789",
        "xai-AbCdEf0123456789AbCdEf0123456789",
        "AIzaSyA0123456789abcdefghijklmnopqrstu",
        "AKIAIOSFODNN7EXAMPLE",
        "gtw_vk_Q2xvdWRzIGFyZSBtYWRlIG9mIHdhdGVyIGRyb3BsZXRzIGFuZCBp_AbC-9x",
        "gtw_ak_Q2xvdWRzIGFyZS",
    })
    void removesKnownKeyFormats(String key) {
        String redacted = Redaction.redact("upstream said: invalid key " + key + " for this project");
        assertFalse(redacted.contains(key), redacted);
        assertTrue(redacted.contains("[REDACTED]"), redacted);
        assertTrue(redacted.startsWith("upstream said: invalid key "), "the rest of the text stays: " + redacted);
    }

    @Test
    void removesBearerTokensAndKeyValuePairs() {
        assertEquals("Authorization: Bearer [REDACTED]", Redaction.redact("Authorization: Bearer abc.def-ghi_jkl"));
        assertEquals("{\"api_key\": \"[REDACTED]\"}", Redaction.redact("{\"api_key\": \"hunter2hunter2\"}"));
        assertEquals("url?key=1&x-goog-api-key=[REDACTED]", Redaction.redact("url?key=1&x-goog-api-key=abcdefgh"));
        assertEquals("GET /v1beta/models/m:generateContent?alt=sse&key=[REDACTED]",
                Redaction.redact("GET /v1beta/models/m:generateContent?alt=sse&key=secret-value-123"));
        assertEquals("monkey=banana", Redaction.redact("monkey=banana"));
    }

    @Test
    void removesTheValueOfEverySecretHeldWhateverItsFormat() {
        String unusual = "Zr81xQ0opLk2M4nBvC7t";
        assertTrue(Redaction.redact("echoed " + unusual).contains(unusual), "not yet a secret");
        Secret.of(unusual);
        assertEquals("upstream said: bad key [REDACTED].", Redaction.redact("upstream said: bad key " + unusual + "."));
        Secret.of("short");
        assertEquals("a short word", Redaction.redact("a short word"), "too short to be a credential");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "The model's maximum context length is 8192 tokens. Ask a skilled person.";
        assertEquals(text, Redaction.redact(text));
    }

    @Test
    void aSecretNeverPrintsItself() {
        Secret secret = Secret.of("sk-live-very-secret-value");
        assertEquals("Secret[****]", secret.toString());
        assertEquals("x Secret[****]", "x " + secret);
        assertFalse(Serializable.class.isAssignableFrom(Secret.class), "not serializable");
        assertEquals(Secret.of("a"), Secret.of("a"));
        assertNotEquals(Secret.of("a"), Secret.of("b"));
        assertEquals("sk-live-very-secret-value", secret.reveal());
    }
}
