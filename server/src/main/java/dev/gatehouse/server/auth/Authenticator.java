package dev.gatehouse.server.auth;

import dev.gatehouse.server.audit.AuditEvent;
import dev.gatehouse.routing.ModelNames;
import dev.gatehouse.routing.ModelPattern;
import dev.gatehouse.server.audit.AuditLog;
import dev.gatehouse.server.store.StoreException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The key check on every model request: which key is this, may it be used from this address,
 * on this route, for this model.
 *
 * <p>Keys found in the store are cached by hash, so a request does not wait for the database.
 * The cache is kept honest three ways: a change made on this instance evicts the key at once;
 * changes made elsewhere arrive through {@link KeyChangeFeed} within its poll interval; and an
 * entry older than {@code maxAgeMillis} is looked up again regardless. Unknown keys are not
 * cached (so a key created on another instance works at once); the checksum in the key format
 * turns away random strings without a lookup. LiteLLM's {@code sk-} keys, brought over by
 * {@code gatehouse migrate litellm}, have no checksum: they are looked up only while imported
 * secrets can still be valid (see {@link LiteLlmSecret}).
 */
public final class Authenticator {

    private static final int MAX_ENTRIES = 100_000;

    private final KeyService keys;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxAgeMillis;
    private volatile Function<String, Set<String>> accessGroups = model -> Set.of();
    private volatile ModelNames names = ModelNames.NONE;
    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();
    /** How often the end of the imported LiteLLM secrets is reread. */
    static final long LITELLM_RECHECK_MILLIS = 60_000;
    private volatile long liteLlmUntil;
    private volatile long liteLlmCheckedAt = -1;

    private record Entry(KeyRepository.Found found, long loadedAt) {}

    public Authenticator(KeyService keys, AuditLog audit, Clock clock, long maxAgeMillis) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
        this.maxAgeMillis = maxAgeMillis;
        keys.onLocalChange(this::evictKey);
    }

    /** Sets the access groups each public model name belongs to (from the configuration). */
    public void useAccessGroups(Function<String, Set<String>> groupsOfModel) {
        this.accessGroups = groupsOfModel;
    }

    /**
     * Sets the aliases and inferred providers (from the configuration): a key may use an alias when
     * it may use the alias or its model, and a pattern in its list ({@code openai/*}) admits a name
     * written without a provider ({@code gpt-4o}) as that name with its inferred provider, as LiteLLM
     * checks both (https://docs.litellm.ai/docs/proxy/virtual_keys; its auth checks).
     */
    public void useNames(ModelNames value) {
        this.names = java.util.Objects.requireNonNull(value, "value");
    }

    /**
     * Checks the presented key for {@code endpoint} from {@code client}.
     *
     * @throws AccessDenied.InvalidKey       no usable key (401)
     * @throws AccessDenied.OutOfScope       a usable key outside its address or route scope (403)
     * @throws AccessDenied.StoreUnavailable the key could not be checked (503)
     */
    public Caller authenticate(Optional<String> presented, InetAddress client, Endpoint endpoint) {
        if (presented.isEmpty() || presented.get().isBlank()) {
            throw new AccessDenied.InvalidKey(true);
        }
        String secret = presented.get().strip();
        if (!KeyFormat.VIRTUAL.matches(secret)
                && !(LiteLlmSecret.looksLike(secret) && liteLlmSecretsMayBeValid())) {
            throw new AccessDenied.InvalidKey(false);
        }
        KeyRepository.Found found = lookup(KeyFormat.hash(secret))
                .orElseThrow(() -> new AccessDenied.InvalidKey(false));
        return admit(found, client, endpoint);
    }

    /**
     * The key with {@code keyId}, checked as {@link #authenticate} checks a presented one (status,
     * expiry, client address, endpoint), for a caller acting as the key without its secret: an admin
     * in the console's playground. Read from the store rather than the cache, so a revocation made
     * on another instance counts at once. Empty when no key has that id.
     *
     * @throws AccessDenied.InvalidKey       the key is revoked or expired (401, as the key itself would get)
     * @throws AccessDenied.OutOfScope       the client address or endpoint is outside its scope (403)
     * @throws AccessDenied.StoreUnavailable the key could not be read (503)
     */
    public Optional<Caller> authenticateById(String keyId, InetAddress client, Endpoint endpoint) {
        Optional<KeyRepository.Found> found;
        try {
            found = keys.key(keyId).map(key -> new KeyRepository.Found(key,
                    key.teamId() == null ? Optional.empty() : keys.team(key.teamId()), null));
        } catch (StoreException e) {
            throw new AccessDenied.StoreUnavailable();
        }
        return found.map(key -> admit(key, client, endpoint));
    }

    /** The checks every key passes, however it was found: active, not expired, from its addresses, on its endpoints. */
    private Caller admit(KeyRepository.Found found, InetAddress client, Endpoint endpoint) {
        long now = clock.millis();
        VirtualKey key = found.key();
        if (key.status() != VirtualKey.Status.ACTIVE || key.isExpired(now)
                || found.notAfter() != null && now >= found.notAfter()) {
            throw new AccessDenied.InvalidKey(false);
        }
        Caller caller = new Caller(key, found.team());
        if (!key.cidrs().isEmpty() && key.cidrs().stream().noneMatch(range -> range.contains(client))) {
            throw denied(caller, client, "ip", client.getHostAddress(), new AccessDenied.OutOfScope(
                    "This key may not be used from this address.", null, "ip_not_allowed"));
        }
        if (!key.endpoints().contains(endpoint)) {
            throw denied(caller, client, "endpoint", endpoint.wireName(), new AccessDenied.OutOfScope(
                    "This key may not use the " + endpoint.wireName() + " endpoint.", null, "endpoint_not_allowed"));
        }
        return caller;
    }

    /**
     * Checks that the caller may use {@code model}: the key's models (or its team's, when the key
     * names none) must include it by name, by one of its access groups, by a pattern it matches
     * ({@code openai/*}) or by {@code *}; and so must the team's. An alias is included when it or
     * its model is.
     */
    public void checkModel(Caller caller, String model, InetAddress client) {
        if (!mayUse(caller, model)) {
            throw denied(caller, client, "model", model, new AccessDenied.OutOfScope(
                    "This key may not use the model '" + model + "'.", "model", "model_not_allowed"));
        }
    }

    /** Whether the caller may use {@code model}; for listing models without auditing. */
    public boolean mayUse(Caller caller, String model) {
        ModelNames known = names;
        String target = model == null ? null : known.target(model);
        return mayUseName(caller, model, known) || target != null && mayUseName(caller, target, known);
    }

    private boolean mayUseName(Caller caller, String model, ModelNames known) {
        Set<String> groups = accessGroups.apply(model);
        List<String> teamModels = caller.team().map(Team::models).orElse(List.of("*"));
        List<String> keyModels = caller.key().models().isEmpty() ? teamModels : caller.key().models();
        return allows(keyModels, model, known, groups) && allows(teamModels, model, known, groups);
    }

    /**
     * Whether a model list admits {@code model}; a pattern in it may also match the name with its
     * inferred provider, which is asked for only when a pattern is reached (most lists name models).
     */
    private static boolean allows(List<String> allowed, String model, ModelNames known, Set<String> groups) {
        String qualified = null;
        for (String entry : allowed) {
            if (entry.equals("*") || groups.contains(entry) || model != null && ModelPattern.admits(entry, model)) {
                return true;
            }
            if (ModelPattern.isPattern(entry)) {
                if (qualified == null) {
                    qualified = known.qualified(model).orElse("");
                }
                if (!qualified.isEmpty() && ModelPattern.admits(entry, qualified)) {
                    return true;
                }
            }
        }
        return false;
    }

    private AccessDenied.OutOfScope denied(Caller caller, InetAddress client, String what, String value,
            AccessDenied.OutOfScope error) {
        audit.record(new AuditEvent("key:" + caller.keyId(), "scope.denied", "key:" + caller.keyId(),
                client.getHostAddress(), Map.of("scope", what, "requested", value)));
        return error;
    }

    /**
     * Whether an imported LiteLLM secret can still be valid. Such secrets have no checksum, so
     * without this gate every random {@code sk-} string would cost a store query; with it they cost
     * one only until the last imported secret has ended (they all end, 30 days after the import by
     * default). The end is reread at most every {@link #LITELLM_RECHECK_MILLIS}, so secrets imported
     * while the gateway runs open their keys within that time.
     */
    private boolean liteLlmSecretsMayBeValid() {
        long now = clock.millis();
        if (liteLlmCheckedAt < 0 || now - liteLlmCheckedAt >= LITELLM_RECHECK_MILLIS) {
            try {
                liteLlmUntil = keys.liteLlmSecretsUntil();
            } catch (StoreException e) {
                throw new AccessDenied.StoreUnavailable();
            }
            liteLlmCheckedAt = now;
        }
        return now < liteLlmUntil;
    }

    private Optional<KeyRepository.Found> lookup(String hash) {
        Entry cached = byHash.get(hash);
        long now = clock.millis();
        if (cached != null && now - cached.loadedAt() < maxAgeMillis) {
            return Optional.of(cached.found());
        }
        Optional<KeyRepository.Found> found;
        try {
            found = keys.findByHash(hash);
        } catch (StoreException e) {
            throw new AccessDenied.StoreUnavailable();
        }
        if (found.isPresent()) {
            if (byHash.size() >= MAX_ENTRIES) {
                byHash.clear();
            }
            byHash.put(hash, new Entry(found.get(), now));
        } else {
            byHash.remove(hash);
        }
        return found;
    }

    /** Drops every cached secret of the key. */
    void evictKey(String keyId) {
        byHash.values().removeIf(entry -> entry.found().key().id().equals(keyId));
    }

    /** Drops every cached key of the team. */
    void evictTeam(String teamId) {
        byHash.values().removeIf(entry -> teamId.equals(entry.found().key().teamId()));
    }

    /** Drops everything (the feed lost track). */
    void evictAll() {
        byHash.clear();
    }
}
