package dev.gatehouse.server.console.oidc;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The configured issuer as Gatehouse knows it: its discovery document and its keys, fetched when
 * first needed and kept. The document is fetched again after {@link #METADATA_TTL}; the keys when
 * a token names a kid they do not hold (the provider rolled its keys over), but at most once per
 * {@code refetchFloor}, so tokens with made-up kids can not make Gatehouse call the provider on
 * every request. A failed refetch keeps what was known.
 */
final class Issuer implements KeySource {

    static final Duration METADATA_TTL = Duration.ofHours(1);
    static final Duration REFETCH_FLOOR = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(Issuer.class.getName());

    private final String issuer;
    private final OidcHttp http;
    private final Clock clock;
    private final Duration refetchFloor;
    // A lock rather than synchronized: the fetches block, and a virtual thread must not pin its carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private ProviderMetadata metadata;
    private Instant metadataAt;
    private JwkSet keys;
    private Instant keysAt;

    Issuer(String issuer, OidcHttp http, Clock clock, Duration refetchFloor) {
        this.issuer = issuer;
        this.http = http;
        this.clock = clock;
        this.refetchFloor = refetchFloor;
    }

    String id() {
        return issuer;
    }

    ProviderMetadata metadata() throws ProviderUnavailable {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (metadata == null) {
                metadata = fetchMetadata();
                metadataAt = now;
            } else if (now.isAfter(metadataAt.plus(METADATA_TTL))) {
                try {
                    metadata = fetchMetadata();
                } catch (ProviderUnavailable e) {
                    LOG.log(Level.WARNING, () -> "OIDC: keeping the issuer's discovery document known so far: " + e.getMessage());
                }
                metadataAt = now;
            }
            return metadata;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Jwk> key(String kid, String alg) throws ProviderUnavailable {
        ProviderMetadata known = metadata();
        lock.lock();
        try {
            Instant now = clock.instant();
            if (keys == null) {
                keys = fetchKeys(known.jwksUri());
                keysAt = now;
            }
            Optional<Jwk> key = keys.find(kid, alg);
            if (key.isEmpty() && !now.isBefore(keysAt.plus(refetchFloor))) {
                keysAt = now;
                keys = fetchKeys(known.jwksUri());
                key = keys.find(kid, alg);
            }
            return key;
        } finally {
            lock.unlock();
        }
    }

    private ProviderMetadata fetchMetadata() throws ProviderUnavailable {
        URI wellKnown = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        OidcHttp.Answer answer = http.getJson(wellKnown);
        if (answer.status() != 200) {
            throw new ProviderUnavailable("the issuer's discovery document answered HTTP " + answer.status());
        }
        return ProviderMetadata.parse(answer.json(), issuer);
    }

    private JwkSet fetchKeys(URI jwksUri) throws ProviderUnavailable {
        OidcHttp.Answer answer = http.getJson(jwksUri);
        if (answer.status() != 200 || !answer.json().path("keys").isArray()) {
            throw new ProviderUnavailable("the issuer's JWKS answered HTTP " + answer.status() + " without a key set");
        }
        return JwkSet.parse(answer.json());
    }
}
