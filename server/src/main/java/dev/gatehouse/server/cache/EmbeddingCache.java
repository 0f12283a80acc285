package dev.gatehouse.server.cache;

import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Embeddings cached per input, so that a batch with some known inputs sends only the rest
 * upstream. Each input's vector is kept under its own key: the namespace, the public model,
 * the dimensions asked for and the input itself (text, or token ids). Not the encoding format:
 * vectors are kept as numbers and written as the caller asks, as an upstream's are. Not the
 * {@code user}: see {@link CanonicalJson#IGNORED}. docs/cache.md, "Embeddings".
 *
 * <p>The entry's body is the vector as 32-bit floats, little-endian: a third of its JSON size,
 * so a cache bounded by bytes holds three times as many.
 */
public final class EmbeddingCache {

    /** The route name in an input's key and entry: not a route's own, so no whole answer is ever mistaken for one. */
    static final String ROUTE = "embeddings.input";

    private final ResponseCache cache;
    private final Clock clock;

    public EmbeddingCache(ResponseCache cache, Clock clock) {
        this.cache = cache;
        this.clock = clock;
    }

    /** Looks every input of {@code request} up at once (one round trip on Redis). */
    public EmbeddingBatch lookup(CacheNamespace namespace, String publicModel, EmbeddingRequest request) {
        List<CacheKey> keys = keys(namespace, publicModel, request);
        Map<CacheKey, CachedAnswer> found = cache.getAll(keys.stream().distinct().toList());
        List<EmbeddingBatch.Known> known = new ArrayList<>(keys.size());
        for (CacheKey key : keys) {
            CachedAnswer answer = found.get(key);
            known.add(answer == null ? null : new EmbeddingBatch.Known(vector(answer.body()), tokens(answer)));
        }
        return new EmbeddingBatch(request, keys, known);
    }

    /**
     * Keeps the vectors {@code upstream} returned for {@code batch}'s unknown inputs (the answer to
     * {@link EmbeddingBatch#unknownRequest()}), each for {@code ttl}. The batch's input tokens are
     * shared among its inputs (see {@link EmbeddingBatch#tokensPerUnknown}).
     */
    public void store(EmbeddingBatch batch, EmbeddingResponse upstream, Duration ttl) {
        List<float[]> vectors = EmbeddingBatch.inOrder(upstream, batch.unknownCount());
        int[] tokens = batch.tokensPerUnknown(upstream.usage());
        Instant now = clock.instant();
        for (int i = 0; i < vectors.size(); i++) {
            Usage usage = tokens == null ? null : Usage.of(tokens[i], 0);
            cache.put(batch.unknownKey(i), new CachedAnswer(ROUTE, bytes(vectors.get(i)), now, usage), ttl);
        }
    }

    private static List<CacheKey> keys(CacheNamespace namespace, String publicModel, EmbeddingRequest request) {
        String dimensions = "dimensions=" + (request.dimensions() == null ? "" : request.dimensions()) + "\n";
        List<CacheKey> keys = new ArrayList<>(request.input().size());
        switch (request.input()) {
            case EmbeddingInput.Texts texts -> texts.texts().forEach(text ->
                    keys.add(CacheKey.ofPart(namespace, ROUTE, publicModel, dimensions + "text:" + text)));
            case EmbeddingInput.Tokens tokens -> tokens.tokens().forEach(ids ->
                    keys.add(CacheKey.ofPart(namespace, ROUTE, publicModel, dimensions + "tokens:"
                            + ids.stream().map(String::valueOf).collect(Collectors.joining(",")))));
        }
        return keys;
    }

    private static Integer tokens(CachedAnswer answer) {
        return answer.usage() == null ? null : answer.usage().promptTokens();
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] vector(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }
}
