package dev.gatehouse.server.guardrail.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The signature in Stripe's documented scheme: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "t.body">}. */
class WebhookSignatureTest {

    private static final Secret SECRET = Secret.of("whsec-test-0123456789abcdef");
    private static final byte[] BODY = "{\"stage\":\"input\"}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void matchesAnHmacComputedIndependently() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((NOW.getEpochSecond() + "." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("t=" + NOW.getEpochSecond() + ",v1=" + java.util.HexFormat.of().formatHex(expected),
                WebhookSignature.header(SECRET, BODY, NOW));
    }

    @Test
    void verifiesItsOwnSignatureWithinTheTolerance() {
        String header = WebhookSignature.header(SECRET, BODY, NOW);
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(299), TOLERANCE));
        assertTrue(WebhookSignature.verify(SECRET, header, BODY, NOW.minusSeconds(299), TOLERANCE));
    }

    @Test
    void refusesAChangedBodyAnotherSecretAnOldCallAndAForgedTimestamp() {
        String header = WebhookSignature.header(SECRET, BODY, NOW);
        byte[] changed = "{\"stage\":\"output\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, header, changed, NOW, TOLERANCE));
        assertFalse(WebhookSignature.verify(Secret.of("another-secret-0123456789"), header, BODY, NOW, TOLERANCE));
        assertFalse(WebhookSignature.verify(SECRET, header, BODY, NOW.plusSeconds(301), TOLERANCE));
        String replayedLater = header.replace("t=" + NOW.getEpochSecond(), "t=" + (NOW.getEpochSecond() + 600));
        assertFalse(WebhookSignature.verify(SECRET, replayedLater, BODY, NOW.plusSeconds(600), TOLERANCE));
    }

    @Test
    void refusesMalformedHeaders() {
        for (String header : new String[] {"", "t=1", "v1=00", "t=x,v1=00", "t=1,v1=zz", "garbage", "t=1,v1"}) {
            assertFalse(WebhookSignature.verify(SECRET, header, BODY, NOW, TOLERANCE), header);
        }
    }
}
