package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a request asks of the cache, from its headers and LiteLLM's cache field; bad values named. */
class CacheDirectivesTest {

    private static JsonNode json(String text) {
        try {
            return Json.readRequest(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void nothingAskedIsTheDefault() {
        assertEquals(CacheDirectives.DEFAULT, CacheDirectives.read(null, null, null));
    }

    @Test
    void cacheControlAsRfc9111ReadsIt() {
        CacheDirectives noCache = CacheDirectives.read("No-Cache", null, null);
        assertFalse(noCache.lookup(), "a fresh answer");
        assertTrue(noCache.store(), "which may still be kept");
        CacheDirectives noStore = CacheDirectives.read("no-store", null, null);
        assertTrue(noStore.lookup());
        assertFalse(noStore.store());
        CacheDirectives both = CacheDirectives.read("no-cache, no-store, max-age=60, only-if-cached", null, null);
        assertEquals(new CacheDirectives(false, false, null, Duration.ofSeconds(60)), both);
    }

    @Test
    void theTtlHeaderSetsHowLongToKeep() {
        assertEquals(Duration.ofSeconds(600), CacheDirectives.read(null, " 600 ", null).ttl());
        for (String bad : new String[] {"0", "-5", "1.5", "ten", "", "99999999999"}) {
            GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                    () -> CacheDirectives.read(null, bad, null), bad);
            assertEquals("x-gatehouse-cache-ttl", refused.param());
            assertEquals(400, refused.status());
        }
    }

    @Test
    void liteLlmsCacheFieldIsMapped() {
        CacheDirectives read = CacheDirectives.read(null, null,
                json("{\"ttl\":300,\"s-maxage\":30,\"no-cache\":true,\"no-store\":false}"));
        assertEquals(new CacheDirectives(false, true, Duration.ofSeconds(300), Duration.ofSeconds(30)), read);
        assertFalse(CacheDirectives.read(null, null, json("{\"no-store\":true}")).store());
        assertEquals("drafts", CacheDirectives.read(null, null, json("{\"namespace\":\"drafts\"}")).namespace());
        assertEquals(CacheDirectives.DEFAULT, CacheDirectives.read(null, null, json("{\"use-cache\":true}")));
        CacheDirectives off = CacheDirectives.read(null, null, json("{\"use-cache\":false}"));
        assertFalse(off.lookup() || off.store());
    }

    @Test
    void aBadCacheFieldIsRefusedNamingIt() {
        assertEquals("cache", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("[1]"))).param());
        assertEquals("cache.namespace", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"namespace\":\"a b\"}"))).param());
        assertEquals("cache.namespace", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"namespace\":7}"))).param());
        assertEquals("cache.use-cache", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"use-cache\":1}"))).param());
        assertEquals("cache.semantic", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"semantic\":true}"))).param());
        assertEquals("cache.no-cache", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"no-cache\":\"yes\"}"))).param());
        assertEquals("cache.ttl", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"ttl\":1.5}"))).param());
        assertEquals("cache.ttl", assertThrows(GatewayException.BadRequest.class,
                () -> CacheDirectives.read(null, null, json("{\"ttl\":0}"))).param());
    }

    @Test
    void maxAgeKeepsOlderAnswersOut() {
        Instant stored = Instant.parse("2026-12-01T10:00:00Z");
        CachedAnswer answer = new CachedAnswer("chat_completions", new byte[0], stored, null);
        CacheDirectives sixty = CacheDirectives.read("max-age=60", null, null);
        assertTrue(sixty.accepts(answer, stored.plusSeconds(60)));
        assertFalse(sixty.accepts(answer, stored.plusSeconds(61)));
        assertTrue(CacheDirectives.DEFAULT.accepts(answer, stored.plus(Duration.ofDays(400))));
    }
}
