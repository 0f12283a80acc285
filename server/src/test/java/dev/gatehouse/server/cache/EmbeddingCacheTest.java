package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Embeddings cached per input: only the unknown inputs go upstream, and the answer comes back whole and in order. */
class EmbeddingCacheTest {

    private static final Duration HOUR = Duration.ofHours(1);
    private static final CacheNamespace TEAM = new CacheNamespace.Team("team-a");

    private final MutableClock clock = new MutableClock();
    private final MemoryResponseCache memory = new MemoryResponseCache(1 << 20, 1 << 20, clock);
    private final EmbeddingCache cache = new EmbeddingCache(memory, clock);

    private static EmbeddingRequest texts(String... texts) {
        return new EmbeddingRequest("embed", new EmbeddingInput.Texts(List.of(texts)), null, null, "user-1");
    }

    /** A stand-in upstream: each text's vector is its length and first character, so answers are checkable. */
    private static float[] vectorOf(String text) {
        return new float[] {text.length(), text.charAt(0), 0.25f};
    }

    private static EmbeddingResponse upstream(EmbeddingRequest request, int promptTokens) {
        List<String> texts = ((EmbeddingInput.Texts) request.input()).texts();
        List<EmbeddingResponse.Embedding> data = new ArrayList<>();
        // Out of order on purpose: the answer is read by index.
        for (int i = texts.size() - 1; i >= 0; i--) {
            data.add(new EmbeddingResponse.Embedding(i, vectorOf(texts.get(i))));
        }
        return new EmbeddingResponse("embed-upstream", data, Usage.of(promptTokens, 0));
    }

    private static void assertAnswers(EmbeddingResponse answer, String... texts) {
        assertEquals(texts.length, answer.data().size());
        for (int i = 0; i < texts.length; i++) {
            assertEquals(i, answer.data().get(i).index());
            assertArrayEquals(vectorOf(texts[i]), answer.data().get(i).vector(), "input " + i);
        }
    }

    @Test
    void aBatchWithSomeKnownInputsSendsOnlyTheRestOnceEach() {
        EmbeddingRequest first = texts("alpha", "beta");
        EmbeddingBatch cold = cache.lookup(TEAM, "embed", first);
        assertEquals(0, cold.knownCount());
        assertEquals(first, cold.unknownRequest().orElseThrow(), "nothing known: the request as it came");
        EmbeddingResponse firstUpstream = upstream(first, 9);
        assertAnswers(cold.answer("embed", firstUpstream), "alpha", "beta");
        cache.store(cold, firstUpstream, HOUR);

        EmbeddingRequest second = texts("gamma", "alpha", "delta", "gamma", "beta");
        EmbeddingBatch warm = cache.lookup(TEAM, "embed", second);
        assertEquals(5, warm.size());
        assertEquals(2, warm.knownCount());
        EmbeddingRequest sent = warm.unknownRequest().orElseThrow();
        assertEquals(new EmbeddingInput.Texts(List.of("gamma", "delta")), sent.input(), "each unknown input once");
        assertEquals("user-1", sent.user(), "the rest of the request is the caller's");

        EmbeddingResponse answer = warm.answer("embed", upstream(sent, 6));
        assertAnswers(answer, "gamma", "alpha", "delta", "gamma", "beta");
        assertEquals("embed", answer.model());
        assertEquals(Usage.of(9 + 6, 0), answer.usage(), "what the whole batch took: the known inputs as they cost");
    }

    @Test
    void aBatchAllKnownNeedsNoUpstream() {
        EmbeddingRequest request = texts("alpha", "beta");
        EmbeddingBatch cold = cache.lookup(TEAM, "embed", request);
        cache.store(cold, upstream(request, 10), HOUR);

        EmbeddingBatch warm = cache.lookup(TEAM, "embed", texts("beta", "alpha", "beta"));
        assertTrue(warm.allKnown());
        assertTrue(warm.unknownRequest().isEmpty());
        EmbeddingResponse answer = warm.answer("embed", null);
        assertAnswers(answer, "beta", "alpha", "beta");
        // "alpha" and "beta" are 5 and 4 characters: 10 tokens shared as 5 and 5 (floor, the rest to the last).
        assertEquals(Usage.of(5 + 5 + 5, 0), answer.usage());
    }

    @Test
    void theUpstreamsTokensAreSharedSoTheyAddUp() {
        EmbeddingBatch batch = cache.lookup(TEAM, "embed", texts("a", "bb", "ccc"));
        int[] shares = batch.tokensPerUnknown(Usage.of(7, 0));
        assertEquals(7, shares[0] + shares[1] + shares[2]);
        assertNull(batch.tokensPerUnknown(null));

        EmbeddingRequest ids = new EmbeddingRequest("embed",
                new EmbeddingInput.Tokens(List.of(List.of(1, 2, 3), List.of(4))), null, null, null);
        assertArrayEquals(new int[] {3, 1}, cache.lookup(TEAM, "embed", ids).tokensPerUnknown(Usage.of(4, 0)),
                "token ids count exactly");
    }

    @Test
    void anUnknownUsageMakesTheWholeUsageUnknown() {
        EmbeddingRequest request = texts("alpha");
        EmbeddingBatch cold = cache.lookup(TEAM, "embed", request);
        EmbeddingResponse noUsage = new EmbeddingResponse("e", upstream(request, 1).data(), null);
        cache.store(cold, noUsage, HOUR);
        EmbeddingBatch warm = cache.lookup(TEAM, "embed", texts("alpha", "beta"));
        EmbeddingRequest sent = warm.unknownRequest().orElseThrow();
        assertNull(warm.answer("embed", upstream(sent, 3)).usage());
    }

    @Test
    void tenantsModelsAndDimensionsKeepTheirOwnVectors() {
        EmbeddingRequest request = texts("alpha");
        cache.store(cache.lookup(TEAM, "embed", request), upstream(request, 1), HOUR);
        assertEquals(1, cache.lookup(TEAM, "embed", request).knownCount());
        assertEquals(0, cache.lookup(new CacheNamespace.Team("team-b"), "embed", request).knownCount());
        assertEquals(0, cache.lookup(TEAM, "embed-large", request).knownCount());
        EmbeddingRequest shorter = new EmbeddingRequest("embed", request.input(), 256, null, null);
        assertEquals(0, cache.lookup(TEAM, "embed", shorter).knownCount(), "another length of vector");
        EmbeddingRequest base64 = new EmbeddingRequest("embed", request.input(), null,
                EmbeddingRequest.EncodingFormat.BASE64, null);
        assertEquals(1, cache.lookup(TEAM, "embed", base64).knownCount(), "the same vector, written another way");
        EmbeddingRequest asIds = new EmbeddingRequest("embed",
                new EmbeddingInput.Tokens(List.of(List.of(97))), null, null, null);
        assertEquals(0, cache.lookup(TEAM, "embed", asIds).knownCount(), "token ids are not text");
    }

    @Test
    void vectorsComeBackBitForBit() {
        float[] vector = {0.1f, -0.0f, Float.MIN_VALUE, 1e30f, -3.75f};
        assertArrayEquals(vector, EmbeddingCache.vector(EmbeddingCache.bytes(vector)));
    }

    @Test
    void anUpstreamAnswerOfTheWrongSizeIsRefused() {
        EmbeddingRequest request = texts("alpha", "beta");
        EmbeddingBatch batch = cache.lookup(TEAM, "embed", request);
        EmbeddingResponse one = upstream(texts("alpha"), 1);
        assertThrows(GatewayException.UpstreamServerError.class, () -> batch.answer("embed", one));
        assertThrows(GatewayException.UpstreamServerError.class, () -> cache.store(batch, one, HOUR));
        assertThrows(IllegalArgumentException.class, () -> batch.answer("embed", null));
        assertEquals(0, memory.stats().stores());
    }
}
