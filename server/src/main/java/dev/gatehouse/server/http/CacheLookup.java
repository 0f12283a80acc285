package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.Usage;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.cache.CacheDirectives;
import dev.gatehouse.server.cache.CacheKey;
import dev.gatehouse.server.cache.CacheNamespace;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.cache.CacheableRequest;
import dev.gatehouse.server.cache.CachedAnswer;
import dev.gatehouse.server.cache.EmbeddingBatch;
import dev.gatehouse.server.cache.EmbeddingCache;
import dev.gatehouse.server.cache.NormalEnd;
import dev.gatehouse.server.cache.ResponseCache;
import dev.gatehouse.server.cache.ServedAnswer;
import dev.gatehouse.server.limit.Limiter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Answers a request from the response cache, before admission: a hit is written at once, uses
 * no budget, tokens or rate limit, and its spend row says cache hit at cost 0. A miss goes on;
 * its answer is kept when it is whole and ended normally ({@link NormalEnd}). What the request
 * asks of the cache (no-cache, no-store, a TTL) comes from its headers and LiteLLM's
 * {@code cache} field ({@link CacheDirectives}). docs/cache.md, "What a hit looks like".
 *
 * <p>The routes in {@link #ROUTES}, for the requests {@link CacheableRequest} lets in (on the
 * Responses API only those that neither read nor leave state); a streaming request only on a
 * route that says how its streams are replayed and put back together
 * ({@link ModelRoute.CachedStreams}). Embeddings are cached per input ({@link CachedEmbeddings}).
 * A hit counts against the key's requests per minute only where the model says so
 * ({@code count_hits_in_rpm}).
 */
public final class CacheLookup implements Stage {

    private static final System.Logger LOG = System.getLogger(CacheLookup.class.getName());
    static final String HEADER = "x-gatehouse-cache";
    static final String TTL_HEADER = "x-gatehouse-cache-ttl";
    /** On an embeddings miss: how many of the inputs the cache knew, of how many ({@code 2/5}). */
    static final String KNOWN_INPUTS_HEADER = "x-gatehouse-cache-known-inputs";
    private static final Set<String> ROUTES = Set.of("chat_completions", "completions", "messages", "responses",
            "embeddings");

    private final ResponseCache cache;
    private final CacheSettings settings;
    private final Limiter limiter;
    private final Clock clock;
    private final EmbeddingCache embeddings;

    /**
     * @param cache   where answers are kept; null when no model is cached
     * @param limiter counts the hits of models with {@code count_hits_in_rpm}
     */
    public CacheLookup(ResponseCache cache, CacheSettings settings, Limiter limiter, Clock clock) {
        this.cache = cache;
        this.settings = settings;
        this.limiter = limiter;
        this.clock = clock;
        this.embeddings = cache == null ? null : new EmbeddingCache(cache, clock);
    }

    /** Whether readiness should say the cache is degraded (its Redis can not be reached). */
    public boolean degraded() {
        return cache != null && cache.degraded();
    }

    @Override
    public void run(ModelCall<?> call) {
        Optional<CacheSettings.ModelCache> model = cache == null || !ROUTES.contains(call.route().name())
                ? Optional.empty() : settings.of(call.model());
        JsonNode body = model.isPresent() ? call.incoming().json() : null;
        boolean stream = body != null && body.path("stream").asBoolean(false);
        if (body == null || stream && call.route().streams() == null
                || !CacheableRequest.of(call.route().name(), body)) {
            call.proceed();
            return;
        }
        CacheDirectives asked = CacheDirectives.read(call.incoming().header("cache-control").orElse(null),
                call.incoming().header(TTL_HEADER).orElse(null), body.get("cache"));
        if (!asked.lookup() && !asked.store()) {
            answered(call, "bypass");
            call.proceed();
            return;
        }
        String route = call.route().name();
        if (call.request() instanceof EmbeddingRequest request) {
            embeddings(call, request, asked, model.get());
            return;
        }
        CacheKey key = CacheKey.of(namespace(call.caller(), model.get()).within(asked.namespace()), route,
                call.model(), body);
        Instant now = clock.instant();
        Optional<CachedAnswer> stored = asked.lookup()
                ? cache.get(key).filter(answer -> asked.accepts(answer, now)) : Optional.empty();
        Optional<Answer> hit = stored.flatMap(CacheLookup::parsed).map(json -> ServedAnswer.of(route, json, body, now))
                .flatMap(json -> stream ? replay(call, json) : Optional.of(Answer.json(json, ticket -> ticket.cacheHit())));
        if (hit.isPresent()) {
            countHit(call, model.get()); // before the ticket says hit: a hit refused here is a refusal like any other
            if (stream && call.ticket() != null) {
                call.ticket().cacheHit();
            }
            answered(call, "hit");
            // How old the answer is, as an HTTP cache says it (RFC 9111, section 5.1).
            call.header("age", Long.toString(Math.max(0, Duration.between(stored.get().storedAt(), now).toSeconds())));
            call.answer(hit.get());
            return;
        }
        answered(call, asked.lookup() ? "miss" : "bypass");
        call.proceed();
        if (!asked.store()) {
            return;
        }
        Duration ttl = asked.ttl() != null ? asked.ttl() : model.get().ttl();
        switch (call.answer()) {
            case Answer.Whole whole -> keep(key, route, whole.body(), now, ttl);
            case Answer.Streamed<?> streamed when call.route().streams() != null ->
                    call.answer(recorded(call, streamed, key, route, ttl));
            case null, default -> {}
        }
    }

    /** The stored whole answer as the route streams it; empty when the route can not replay it. */
    private static <R> Optional<Answer> replay(ModelCall<R> call, JsonNode stored) {
        return call.route().streams().replay(call, call.request(), stored);
    }

    /** {@code streamed}, keeping its whole answer once it has ended normally. */
    private <R, T> Answer recorded(ModelCall<R> call, Answer.Streamed<T> streamed, CacheKey key, String route,
            Duration ttl) {
        ModelRoute.CachedStreams<R> streams = call.route().streams();
        R request = call.request();
        return Answer.stream(new RecordedStream<>(streamed.events(), events -> {
            try {
                streams.whole(request, events).ifPresent(whole -> keep(key, route, whole, clock.instant(), ttl));
            } catch (RuntimeException e) {
                // The caller has had the whole stream; a stream the cache can not put together is just not kept.
                LOG.log(System.Logger.Level.WARNING, "the response cache could not keep a stream's answer", e);
            }
        }), streamed.encoder());
    }

    /** Keeps {@code answer} when it ended normally. */
    private void keep(CacheKey key, String route, JsonNode answer, Instant now, Duration ttl) {
        if (NormalEnd.of(route, answer)) {
            cache.put(key, new CachedAnswer(route, Json.bytes(answer), now, usage(answer)), ttl);
        }
    }

    /**
     * Embeddings, per input: all known is a hit, answered here; otherwise the route sends only the
     * unknown inputs upstream ({@link CachedEmbeddings}). {@code no-cache}, or a {@code max-age}
     * (the per-input lookup does not weigh ages), asks every input afresh and keeps nothing of this
     * request: a batch lookup that skips the storage is not worth its code.
     */
    private void embeddings(ModelCall<?> call, EmbeddingRequest request, CacheDirectives asked,
            CacheSettings.ModelCache model) {
        if (!asked.lookup() || asked.maxAge() != null) {
            answered(call, "bypass");
            call.proceed();
            return;
        }
        EmbeddingBatch batch = embeddings.lookup(namespace(call.caller(), model).within(asked.namespace()),
                call.model(), request);
        if (batch.allKnown()) {
            countHit(call, model);
            answered(call, "hit");
            EmbeddingResponse whole = batch.answer(call.model(), null);
            call.answer(Answer.json(EmbeddingResponseJson.write(whole, request.encodingFormat()),
                    ticket -> ticket.cacheHit()));
            return;
        }
        answered(call, "miss");
        call.header(KNOWN_INPUTS_HEADER, batch.knownCount() + "/" + batch.size());
        call.cachedEmbeddings(new CachedEmbeddings(embeddings, batch,
                asked.ttl() != null ? asked.ttl() : model.ttl(), asked.store()));
        call.proceed();
    }

    /**
     * Counts a hit as a request against the key's and team's requests per minute, when the model
     * says so: a hit past the limit is then the 429 any request gets. Tokens and budget never: a
     * hit uses none.
     */
    private void countHit(ModelCall<?> call, CacheSettings.ModelCache model) {
        if (!model.countHitsInRpm()) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            limiter.countRequest(call.caller(), headers);
        } finally {
            headers.forEach(call::header);
        }
    }

    private static void answered(ModelCall<?> call, String what) {
        call.cache(what);
        call.header(HEADER, what);
    }

    private static CacheNamespace namespace(Caller caller, CacheSettings.ModelCache model) {
        return CacheNamespace.of(caller.team().map(Team::id).orElse(null), caller.keyId(), model.perKey());
    }

    /** The stored answer as JSON; an entry that does not parse is taken for a miss. */
    private static Optional<JsonNode> parsed(CachedAnswer answer) {
        try {
            return Optional.of(Json.mapper().readTree(answer.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What the answer cost when it was made, from its own usage (OpenAI's or Anthropic's names); null when it says none. */
    private static Usage usage(JsonNode answer) {
        JsonNode usage = answer.path("usage");
        if (usage.has("prompt_tokens")) {
            return Usage.of(usage.path("prompt_tokens").asInt(), usage.path("completion_tokens").asInt());
        }
        if (usage.has("input_tokens")) {
            return Usage.of(usage.path("input_tokens").asInt(), usage.path("output_tokens").asInt());
        }
        return null;
    }
}
