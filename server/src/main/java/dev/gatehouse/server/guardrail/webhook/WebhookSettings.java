package dev.gatehouse.server.guardrail.webhook;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One configured guardrail webhook.
 *
 * @param url where the service listens; {@code https}, or {@code http} only together with
 *     {@code allowPrivateNetwork} (a sidecar on the private network), since the body carries prompts
 * @param timeout how long connecting may take, and then how long the whole answer may take
 * @param onFailure what a call that produced no decision means
 * @param signingSecret the shared secret the body is signed with, if any ({@link WebhookSignature})
 * @param allowPrivateNetwork whether the URL's host may resolve to a private or loopback
 *     address, as a deployment's {@code allow_private_network} allows for its base URL
 * @param stages which sides of the exchange the service is asked about
 */
public record WebhookSettings(URI url, Duration timeout, FailurePolicy onFailure, Optional<Secret> signingSecret,
        boolean allowPrivateNetwork, Set<WebhookStage> stages) {

    /** A guardrail that answers slower than this holds every request up too long to be worth waiting for. */
    public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

    /** A shorter shared secret could be guessed from signed bodies; 32 random characters are what a generator gives. */
    public static final int MIN_SECRET_LENGTH = 16;

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(signingSecret, "signingSecret");
        stages = Set.copyOf(stages);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("url must be an http or https URL");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException("url must name a host, without user info or fragment");
        }
        if (scheme.equals("http") && !allowPrivateNetwork) {
            throw new IllegalArgumentException("url must use https: prompts and answers would cross the network in "
                    + "the clear (plain http is allowed for a service on the private network, with allow_private_network)");
        }
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("timeout must be more than 0 and at most " + MAX_TIMEOUT.toSeconds() + " seconds");
        }
        if (signingSecret.isPresent() && signingSecret.get().reveal().length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException("signing_secret must be at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("stages must name input, output or both");
        }
    }

    /** Whether the service is asked about this side of the exchange. */
    public boolean covers(WebhookStage stage) {
        return stages.contains(stage);
    }
}
