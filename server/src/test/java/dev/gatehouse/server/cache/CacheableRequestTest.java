package dev.gatehouse.server.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which requests the cache may answer ({@link CacheableRequest}) and how a stored answer is served
 * to the request that hit it ({@link ServedAnswer}): on the Responses API only requests that keep
 * no state, each hit a new response (docs/cache.md, "The Responses API").
 */
class CacheableRequestTest {

    private static JsonNode json(String text) {
        return Json.parseUpstream(text.replace('\'', '"'), "test");
    }

    @Test
    void onTheResponsesApiOnlyRequestsThatKeepNoState() {
        assertTrue(CacheableRequest.of("responses", json("{'input':'hi','store':false}")));
        assertTrue(CacheableRequest.of("responses", json("{'input':'hi','store':false,'previous_response_id':null}")));
        assertFalse(CacheableRequest.of("responses", json("{'input':'hi'}")), "store is true unless said");
        assertFalse(CacheableRequest.of("responses", json("{'input':'hi','store':true}")));
        assertFalse(CacheableRequest.of("responses", json("{'input':'hi','store':false,'previous_response_id':'resp_1'}")));
        assertFalse(CacheableRequest.of("responses", json("{'input':'hi','store':false,'conversation':'conv_1'}")));
        assertFalse(CacheableRequest.of("responses", json("{'input':'hi','store':false,'background':true}")));
    }

    @Test
    void everyRequestOnTheOtherRoutes() {
        assertTrue(CacheableRequest.of("chat_completions", json("{'messages':[],'store':true}")));
        assertTrue(CacheableRequest.of("messages", json("{'messages':[]}")));
    }

    @Test
    void aResponseIsServedAsANewOneWithThisRequestsLabels() {
        JsonNode stored = json("{'id':'resp_old','object':'response','created_at':1,'status':'completed',"
                + "'metadata':{'ticket':'1'},'user':'alice','output':[{'id':'msg_1','type':'message'}]}");
        JsonNode served = ServedAnswer.of("responses", stored, json("{'input':'hi','store':false,"
                + "'metadata':{'ticket':'2'}}"), Instant.ofEpochSecond(1_800_000_000L));
        assertNotEquals("resp_old", served.path("id").asText());
        assertTrue(served.path("id").asText().startsWith("resp_"), served.toString());
        assertEquals(1_800_000_000L, served.path("created_at").asLong());
        assertEquals("2", served.path("metadata").path("ticket").asText(), "this request's labels");
        assertTrue(served.path("user").isNull(), "another caller's end user is not echoed");
        assertEquals("msg_1", served.path("output").path(0).path("id").asText());
        assertEquals("resp_old", stored.path("id").asText(), "the stored answer is left as it was");
    }

    @Test
    void otherAnswersAreServedAsKept() {
        JsonNode stored = json("{'id':'chatcmpl-1','choices':[]}");
        assertSame(stored, ServedAnswer.of("chat_completions", stored, json("{}"), Instant.EPOCH));
    }
}
