package dev.gatehouse.server.guardrail.webhook;

import dev.gatehouse.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature that lets a guardrail service check a call came from Gatehouse, in the scheme
 * Stripe documents for its webhooks (https://stripe.com/docs/webhooks/signatures#verify-manually):
 * header {@value #HEADER} is {@code t=<unix seconds>,v1=<hex>}, where the hex is the
 * HMAC-SHA256, keyed with the shared secret, of the timestamp, a dot and the raw body. Signing
 * the timestamp with the body lets the service refuse a captured call replayed later; the
 * signature covers the exact bytes sent, so the service must verify before it parses.
 */
public final class WebhookSignature {

    public static final String HEADER = "x-gatehouse-signature";

    private WebhookSignature() {}

    /** The header's value for {@code body} sent at {@code now}. */
    public static String header(Secret secret, byte[] body, Instant now) {
        long t = now.getEpochSecond();
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac(secret, t, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} made within {@code tolerance}
     * of {@code now}. What a guardrail service does on its side (written here for the tests and
     * for services in Java); the comparison takes the same time whatever the bytes.
     */
    public static boolean verify(Secret secret, String header, byte[] body, Instant now, Duration tolerance) {
        Long t = null;
        byte[] given = null;
        for (String part : header.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String name = part.substring(0, eq).strip();
            String value = part.substring(eq + 1).strip();
            try {
                if (name.equals("t")) {
                    t = Long.parseLong(value);
                } else if (name.equals("v1")) {
                    given = HexFormat.of().parseHex(value);
                }
            } catch (IllegalArgumentException malformed) {
                return false;
            }
        }
        if (t == null || given == null) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(t), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, t, body), given);
    }

    private static byte[] mac(Secret secret, long t, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
