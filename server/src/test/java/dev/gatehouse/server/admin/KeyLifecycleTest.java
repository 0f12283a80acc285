package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rotation with a grace period and immediate revocation, seen on the chat route. */
class KeyLifecycleTest {

    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = new AdminServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode newKey(String name) {
        return server.ok(201, "POST", "/admin/keys", "{\"name\":\"" + name + "\",\"models\":[\"mock\"]}");
    }

    @Test
    void aRotatedKeyKeepsWorkingForItsGracePeriodAndAGraceOfZeroEndsItNow() {
        JsonNode key = newKey("rotating");
        String id = key.get("id").asText();
        String first = key.get("key").asText();
        assertEquals(200, server.chat(first, "mock"));

        JsonNode rotated = server.ok(200, "POST", "/admin/keys/" + id + "/rotate", "{\"grace_seconds\":3600}");
        String second = rotated.get("key").asText();
        assertNotEquals(first, second);
        assertEquals(id, rotated.get("id").asText(), "a rotation keeps the key's id");
        Instant graceEnd = Instant.parse(rotated.get("previous_key_expires").asText());
        assertTrue(graceEnd.isAfter(Instant.now().plus(Duration.ofMinutes(59))), graceEnd.toString());
        assertEquals(200, server.chat(first, "mock"), "the old secret works during the grace period");
        assertEquals(200, server.chat(second, "mock"));

        String third = server.ok(200, "POST", "/admin/keys/" + id + "/rotate", "{\"grace_seconds\":0}")
                .get("key").asText();
        assertEquals(401, server.chat(first, "mock"), "a grace of zero ends every older secret at once");
        assertEquals(401, server.chat(second, "mock"));
        assertEquals(200, server.chat(third, "mock"));
    }

    @Test
    void aRotationWithoutABodyGivesTheDefault24Hours() {
        JsonNode key = newKey("default grace");
        JsonNode rotated = server.ok(200, "POST", "/admin/keys/" + key.get("id").asText() + "/rotate", null);
        Instant graceEnd = Instant.parse(rotated.get("previous_key_expires").asText());
        assertTrue(graceEnd.isAfter(Instant.now().plus(Duration.ofHours(23))), graceEnd.toString());
        assertEquals(200, server.chat(key.get("key").asText(), "mock"));
    }

    @Test
    void badGracePeriodsAreRefused() {
        String id = newKey("bad grace").get("id").asText();
        for (String body : new String[] {"{\"grace_seconds\":-1}", "{\"grace_seconds\":99999999}",
                "{\"grace_seconds\":\"1h\"}", "{\"grace\":10}"}) {
            JsonNode error = server.error(400, server.admin("POST", "/admin/keys/" + id + "/rotate", server.owner,
                    body));
            assertTrue(error.get("message").asText().contains("grace"), body + ": " + error);
        }
    }

    /**
     * Requests run on several threads while the key is revoked through the admin API: every
     * request sent after the revocation was answered is refused, whatever ran before it.
     */
    @Test
    void aRevocationDuringTrafficStopsEveryLaterRequest() throws Exception {
        JsonNode key = newKey("busy");
        String secret = key.get("key").asText();
        AtomicBoolean revoked = new AtomicBoolean();
        AtomicInteger before = new AtomicInteger();
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 40; i++) {
                    boolean after = revoked.get();
                    int status = server.chat(secret, "mock");
                    if (after && status != 401) {
                        wrong.add("a request sent after the revocation got " + status);
                    } else if (!after && status == 200) {
                        before.incrementAndGet();
                    }
                }
            }));
        }
        while (before.get() < 8 && threads.stream().anyMatch(Thread::isAlive)) {
            Thread.onSpinWait();
        }
        assertTrue(before.get() >= 8, "requests succeeded before the revocation");
        server.ok(200, "POST", "/admin/keys/" + key.get("id").asText() + "/revoke", null);
        revoked.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), wrong);
        assertEquals(401, server.chat(secret, "mock"));
    }

    @Test
    void aRevokedKeyIsRefusedAtOnceAndCanNotBeChanged() {
        JsonNode key = newKey("revoked");
        String id = key.get("id").asText();
        String secret = key.get("key").asText();
        assertEquals(200, server.chat(secret, "mock"), "cached by the authenticator");
        JsonNode revoked = server.ok(200, "POST", "/admin/keys/" + id + "/revoke", null);
        assertEquals("revoked", revoked.get("status").asText());
        assertTrue(revoked.get("revoked_at").isTextual());
        assertEquals(401, server.chat(secret, "mock"), "refused on the very next request");
        server.error(400, server.admin("PATCH", "/admin/keys/" + id, server.owner, "{\"rpm_limit\":1}"));
        server.error(400, server.admin("POST", "/admin/keys/" + id + "/rotate", server.owner, null));
        assertEquals("revoked", server.ok(200, "POST", "/admin/keys/" + id + "/revoke", null).get("status").asText(),
                "revoking twice is harmless");
    }
}
