package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What makes two requests one cache entry, and what keeps them apart (docs/cache.md, "What makes the key"). */
class CacheKeyTest {

    private static final CacheNamespace TEAM = new CacheNamespace.Team("team-a");
    private static final String BASE = """
            {"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"temperature":0.7,"max_tokens":100}""";

    private static JsonNode json(String text) {
        try {
            return Json.readRequest(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static CacheKey key(String body) {
        return CacheKey.of(TEAM, "chat", "gpt-4o", json(body));
    }

    @Test
    void memberOrderWhitespaceAndNumberFormsDoNotChangeTheKey() {
        assertEquals(key(BASE), key("""
                { "max_tokens" : 1e2, "temperature": 0.70,
                  "messages": [ {"content": "Hello", "role": "user"} ], "model": "gpt-4o" }"""));
    }

    @Test
    void deliveryAndBookkeepingFieldsDoNotChangeTheKey() {
        assertEquals(key(BASE), key("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"temperature":0.7,"max_tokens":100,
                 "stream":true,"stream_options":{"include_usage":true},"user":"end-user-7","safety_identifier":"x",
                 "metadata":{"ticket":"42"},"prompt_cache_key":"p","cache":{"ttl":60}}"""));
    }

    @Test
    void aNullMemberIsTheSameAsNone() {
        assertEquals(key(BASE), key("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hello","name":null}],"temperature":0.7,
                 "max_tokens":100,"seed":null}"""));
    }

    @Test
    void everythingThatShapesTheAnswerChangesTheKey() {
        assertNotEquals(key(BASE), key(BASE.replace("Hello", "Hello ")), "the prompt's text, whitespace included");
        assertNotEquals(key(BASE), key(BASE.replace("0.7", "0.8")), "sampling");
        assertNotEquals(key(BASE), key(BASE.replace("100", "101")), "output length");
        assertNotEquals(key(BASE), key(BASE.replace("\"max_tokens\":100}", "\"max_tokens\":100,\"n\":2}")), "n");
        assertNotEquals(key(BASE), key(BASE.replace("\"max_tokens\":100}", "\"max_tokens\":100,\"store\":true}")),
                "store: a stored response (Responses API) has an id later requests refer to");
        assertNotEquals(key(BASE), key(BASE.replace("\"max_tokens\":100}",
                "\"max_tokens\":100,\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}")), "tools");
        String twoMessages = """
                {"model":"gpt-4o","messages":[{"role":"user","content":"a"},{"role":"user","content":"b"}]}""";
        assertNotEquals(key(twoMessages), key(twoMessages.replace("\"a\"", "\"x\"").replace("\"b\"", "\"a\"")
                .replace("\"x\"", "\"b\"")), "the order of messages");
    }

    @Test
    void ignoredNamesAreIgnoredAtTheTopOnly() {
        String withSchema = """
                {"model":"m","messages":[],"response_format":{"type":"json_schema","json_schema":{"name":"s",
                 "schema":{"type":"object","properties":{"user":{"type":"string"}}}}}}""";
        assertNotEquals(key(withSchema), key(withSchema.replace("\"user\":{\"type\":\"string\"}", "")),
                "a property called user inside a schema is part of the request");
    }

    @Test
    void tenantsRoutesAndModelsNeverShareAKey() {
        JsonNode body = json(BASE);
        CacheKey teamA = CacheKey.of(new CacheNamespace.Team("a"), "chat", "gpt-4o", body);
        assertNotEquals(teamA, CacheKey.of(new CacheNamespace.Team("b"), "chat", "gpt-4o", body));
        assertNotEquals(teamA, CacheKey.of(new CacheNamespace.Key("a"), "chat", "gpt-4o", body),
                "a key whose id is a team's id is still another tenant");
        assertNotEquals(teamA, CacheKey.of(new CacheNamespace.Team("a"), "responses", "gpt-4o", body));
        assertNotEquals(teamA, CacheKey.of(new CacheNamespace.Team("a"), "chat", "gpt-4o-mini", body));
        // Parts are written with their lengths: moving a character from one part to the next is another key.
        assertNotEquals(CacheKey.of(new CacheNamespace.Team("a"), "chat", "bgpt", body),
                CacheKey.of(new CacheNamespace.Team("a"), "chatb", "gpt", body));
    }

    @Test
    void theModelInTheBodyIsReplacedByThePublicModel() {
        assertEquals(key(BASE), key(BASE.replace("\"gpt-4o\"", "\"an-alias\"")));
    }

    @Test
    void namespaceIsTheTeamsUnlessPerKeyOrTeamless() {
        assertEquals(new CacheNamespace.Team("t"), CacheNamespace.of("t", "k", false));
        assertEquals(new CacheNamespace.Key("k"), CacheNamespace.of("t", "k", true));
        assertEquals(new CacheNamespace.Key("k"), CacheNamespace.of(null, "k", false));
    }

    @Test
    void aCallersNamespaceIsAPartOfItsTenantsCache() {
        CacheNamespace other = new CacheNamespace.Team("other");
        CacheKey plain = key(BASE);
        CacheKey drafts = CacheKey.of(TEAM.within("drafts"), "chat", "gpt-4o", json(BASE));
        assertEquals(plain, CacheKey.of(TEAM.within(null), "chat", "gpt-4o", json(BASE)));
        assertNotEquals(plain, drafts);
        assertEquals(drafts, CacheKey.of(TEAM.within("drafts"), "chat", "gpt-4o", json(BASE)));
        assertNotEquals(drafts, CacheKey.of(other.within("drafts"), "chat", "gpt-4o", json(BASE)),
                "the same namespace named by another tenant is another place");
    }

    @Test
    void aKeyIsADigestAndSaysNothingOfThePrompt() {
        CacheKey key = key(BASE);
        assertTrue(key.digest().matches("[0-9a-f]{64}"));
        assertFalse(key.toString().contains("Hello"));
        assertThrows(IllegalArgumentException.class, () -> new CacheKey("not-hex"));
    }
}
