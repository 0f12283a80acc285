package dev.gatehouse.server.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.crypto.MasterKeyException;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stored responses on each database: a round trip, sealed at rest and bound to id and owner,
 * readable by their owner only, deleted after the retention period.
 */
abstract class ResponseStoreContract {

    static final String SECRET_WORD = "Quokka-Plaintext-7731";
    static final String TEAM_A = "team_aaaaaaaaaaaaaaaaaaaaaaaa";
    static final String TEAM_B = "team_bbbbbbbbbbbbbbbbbbbbbbbb";

    final MutableClock clock = new MutableClock();
    Database database;
    ResponseStore store;

    abstract StoreSettings settings();

    @BeforeEach
    void open() {
        database = Database.open(settings());
        store = new ResponseStore(database, MasterKeyring.parse(MasterKeyringText.fresh()), new ResponsesSettings(30),
                clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    static StoredResponse response(String id, String owner, java.time.Instant at) {
        ArrayNode input = Json.array();
        input.addObject().put("type", "message").put("role", "user").putArray("content").addObject()
                .put("type", "input_text").put("text", "Say the word " + SECRET_WORD);
        input.addObject().put("type", "function_call_output").put("call_id", "call_1").put("output", "42")
                .put("id", "fco_given");
        ObjectNode answer = Json.object().put("id", id).put("object", "response").put("status", "completed")
                .put("model", "gpt-test");
        answer.putArray("output").addObject().put("id", "msg_out").put("type", "message").put("role", "assistant")
                .putArray("content").addObject().put("type", "output_text").put("text", SECRET_WORD + " indeed");
        return new StoredResponse(id, owner, "gpt-test", at, input, answer);
    }

    @Test
    void aStoredResponseComesBackWithIdsOnEveryInputItem() {
        StoredResponse saved = store.save(response("resp_one", TEAM_A, clock.instant()));
        StoredResponse found = store.find("resp_one", TEAM_A).orElseThrow();
        assertEquals(saved, found);
        assertEquals("gpt-test", found.model());
        assertEquals(clock.instant(), found.createdAt());
        assertEquals("completed", found.response().path("status").asText());
        JsonNode first = found.inputItems().get(0);
        assertTrue(first.path("id").asText().startsWith("msg_"), first.toString());
        assertEquals("fco_given", found.inputItems().get(1).path("id").asText(), "an id given is kept");
        assertEquals(3, found.history().size(), "input items, then the output");
        assertEquals("msg_out", found.history().get(2).path("id").asText());
        assertTrue(store.find("resp_none", TEAM_A).isEmpty());
        assertTrue(store.find("resp_one\u0000", TEAM_A).isEmpty(), "an id that can not be stored is not looked up");
    }

    @Test
    void nothingOfTheConversationIsStoredInTheClear() {
        store.save(response("resp_sealed", TEAM_A, clock.instant()));
        List<String> rows = database.query("SELECT * FROM stored_responses", row -> {
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                all.append(row.getString(i)).append('|');
            }
            return all.toString();
        });
        assertEquals(1, rows.size());
        assertFalse(rows.getFirst().contains(SECRET_WORD), rows.getFirst());
        assertFalse(rows.getFirst().contains("input_text"), rows.getFirst());
        assertTrue(rows.getFirst().contains("resp_sealed") && rows.getFirst().contains(TEAM_A));
    }

    @Test
    void anotherOwnerNeitherReadsNorDeletesIt() {
        store.save(response("resp_a", TEAM_A, clock.instant()));
        assertTrue(store.find("resp_a", TEAM_B).isEmpty());
        assertFalse(store.delete("resp_a", TEAM_B));
        assertTrue(store.find("resp_a", TEAM_A).isPresent(), "still there for its owner");
        assertTrue(store.delete("resp_a", TEAM_A));
        assertTrue(store.find("resp_a", TEAM_A).isEmpty());
        assertFalse(store.delete("resp_a", TEAM_A), "deleted once");
    }

    @Test
    void aRowMovedToAnotherOwnerOrIdDoesNotOpen() {
        store.save(response("resp_moved", TEAM_A, clock.instant()));
        database.update("UPDATE stored_responses SET owner = ? WHERE id = ?", TEAM_B, "resp_moved");
        assertThrows(MasterKeyException.class, () -> store.find("resp_moved", TEAM_B));
        database.update("UPDATE stored_responses SET owner = ?, id = ? WHERE id = ?", TEAM_A, "resp_renamed",
                "resp_moved");
        assertThrows(MasterKeyException.class, () -> store.find("resp_renamed", TEAM_A));
    }

    @Test
    void aResponseSealedUnderARetiredMasterKeyIsGone() {
        store.save(response("resp_retired", TEAM_A, clock.instant()));
        ResponseStore rotated = new ResponseStore(database, MasterKeyring.parse(MasterKeyringText.fresh()),
                new ResponsesSettings(30), clock);
        assertTrue(rotated.find("resp_retired", TEAM_A).isEmpty());
        assertTrue(rotated.delete("resp_retired", TEAM_A), "deleting needs no key");
    }

    @Test
    void responsesPastTheRetentionPeriodAreNotReadAndAreSweptAway() {
        store.save(response("resp_old", TEAM_A, clock.instant()));
        clock.advance(Duration.ofDays(20));
        store.save(response("resp_new", TEAM_A, clock.instant()));
        clock.advance(Duration.ofDays(11));
        assertTrue(store.find("resp_old", TEAM_A).isEmpty(), "31 days old: expired, even before the sweep");
        assertFalse(store.delete("resp_old", TEAM_A));
        assertTrue(store.find("resp_new", TEAM_A).isPresent());
        ResponseSweeper sweeper = ResponseSweeper.start(store);
        try {
            sweeper.sweepOnce();
        } finally {
            sweeper.close();
        }
        assertEquals(List.of("resp_new"), database.query("SELECT id FROM stored_responses", row -> row.getString(1)));
        assertEquals(0, store.deleteExpired(), "nothing left to sweep");
    }

    @Test
    void withoutARetentionPeriodResponsesAreKept() {
        ResponseStore forever = new ResponseStore(database, MasterKeyring.parse(MasterKeyringText.fresh()),
                new ResponsesSettings(0), clock);
        forever.save(response("resp_kept", TEAM_A, clock.instant()));
        clock.advance(Duration.ofDays(3650));
        assertEquals(0, forever.deleteExpired());
        assertTrue(forever.find("resp_kept", TEAM_A).isPresent());
    }
}
