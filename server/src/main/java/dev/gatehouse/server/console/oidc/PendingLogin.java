package dev.gatehouse.server.console.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A sign-in between the redirect to the provider and its way back: the {@code state} that ties
 * the answer to this browser (and so stops login CSRF), the {@code nonce} the ID token must carry,
 * and the PKCE code verifier (RFC 7636 section 4.1) whose S256 challenge went with the request.
 *
 * <p>It lives in the browser, in an HttpOnly cookie of its own for {@link #LIFETIME}, not in a
 * server's memory or the database: the provider may send the user back to any instance behind a
 * load balancer, and the callback must come from the same browser that started the sign-in, which
 * a cookie shows and a server-side record alone does not. What it holds is worth nothing without
 * the code, which only the provider's redirect carries, and a user can only spoil their own
 * sign-in by changing it.
 */
record PendingLogin(String state, String nonce, String verifier, Instant started) {

    static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{43}");

    static PendingLogin start(Instant now) {
        return new PendingLogin(random(), random(), random(), now);
    }

    /** S256: base64url(SHA-256(ASCII(verifier))), RFC 7636 section 4.2. */
    String challenge() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean expiredAt(Instant now) {
        return !now.isBefore(started.plus(LIFETIME)) || now.isBefore(started.minus(Duration.ofMinutes(1)));
    }

    /** Whether {@code state} (from the provider's redirect) is this sign-in's, compared in constant time. */
    boolean matches(String state) {
        return state != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                this.state.getBytes(StandardCharsets.UTF_8));
    }

    /** The cookie's value: the three randoms and the start, with dots (none of them holds one). */
    String cookieValue() {
        return state + "." + nonce + "." + verifier + "." + started.getEpochSecond();
    }

    static Optional<PendingLogin> fromCookie(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split("\\.", -1);
        if (parts.length != 4 || !PART.matcher(parts[0]).matches() || !PART.matcher(parts[1]).matches()
                || !PART.matcher(parts[2]).matches() || !parts[3].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        return Optional.of(new PendingLogin(parts[0], parts[1], parts[2], Instant.ofEpochSecond(Long.parseLong(parts[3]))));
    }

    /** 32 random bytes as base64url: 43 characters, 256 bits. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
