package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.ImportedSecret;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code litellm_secret_until} in the admin API's keys: when a key's secret imported from LiteLLM
 * stops working, null for a key without one, and never the secret's hash (AdminServer checks every
 * answer for hashes when it closes).
 */
class KeyLiteLlmSecretJsonTest {

    private static final String LITELLM_SECRET = "sk-Fq3vJc8W1nZrT0pXa2LmQw";

    @Test
    void anImportedKeyShowsUntilWhenItsLiteLlmSecretWorksAndAMadeOneShowsNull() {
        try (AdminServer server = new AdminServer()) {
            // Whole milliseconds, as the store keeps them, some days ahead of the server's clock.
            Instant end = Instant.now().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.MILLIS);
            VirtualKey imported = server.control.keys().importKey(new KeyDraft("from litellm", null, List.of("mock"),
                    Set.of(), List.of(), null, Limits.NONE, Json.object()),
                    List.of(new ImportedSecret(KeyFormat.hash(LITELLM_SECRET), end.toEpochMilli())),
                    Instant.now().minus(Duration.ofDays(100)).toEpochMilli(), Actor.CLI).orElseThrow();
            JsonNode made = server.ok(201, "POST", "/admin/keys", "{\"name\":\"made here\",\"models\":[\"mock\"]}");
            assertTrue(made.has("litellm_secret_until") && made.get("litellm_secret_until").isNull(), made.toString());
            String madeId = made.get("id").asText();

            JsonNode list = server.ok(200, "GET", "/admin/keys", null).get("data");
            assertEquals(2, list.size());
            for (JsonNode key : list) {
                String expected = key.get("id").asText().equals(imported.id()) ? end.toString() : null;
                assertEquals(expected, key.get("litellm_secret_until").textValue(), key.toString());
            }
            JsonNode one = server.ok(200, "GET", "/admin/keys/" + imported.id(), null);
            assertEquals(end.toString(), one.get("litellm_secret_until").asText());
            assertTrue(server.ok(200, "GET", "/admin/keys/" + madeId, null).get("litellm_secret_until").isNull());
            JsonNode patched = server.ok(200, "PATCH", "/admin/keys/" + imported.id(), "{\"rpm_limit\":60}");
            assertEquals(end.toString(), patched.get("litellm_secret_until").asText());
            assertFalse(one.toString().contains(LITELLM_SECRET), "never the secret");

            // A rotation with a grace period shortens the imported secret to the grace's end; one
            // without ends it, and the field goes back to null.
            JsonNode rotated = server.ok(200, "POST", "/admin/keys/" + imported.id() + "/rotate",
                    "{\"grace_seconds\":3600}");
            // The route and the service each read the clock, so the two instants may differ by the call's own time.
            Instant graceEnd = Instant.parse(rotated.get("previous_key_expires").asText());
            Instant until = Instant.parse(rotated.get("litellm_secret_until").asText());
            assertTrue(!until.isBefore(graceEnd) && until.isBefore(graceEnd.plus(Duration.ofMinutes(1)))
                    && until.isBefore(end), rotated.toString());
            assertEquals(200, server.chat(LITELLM_SECRET, "mock"), "within the grace period");
            JsonNode ended = server.ok(200, "POST", "/admin/keys/" + imported.id() + "/rotate", "{\"grace_seconds\":0}");
            assertTrue(ended.get("litellm_secret_until").isNull(), ended.toString());
            assertTrue(server.ok(200, "GET", "/admin/keys", null).get("data").findValues("litellm_secret_until")
                    .stream().allMatch(JsonNode::isNull));
            assertEquals(401, server.chat(LITELLM_SECRET, "mock"));
        }
    }
}
