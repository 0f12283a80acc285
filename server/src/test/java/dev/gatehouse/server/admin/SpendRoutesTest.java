package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code /admin/spend} and its CSV export, over rows the gateway wrote for real requests. */
class SpendRoutesTest {

    @Test
    void spendIsSummedByModelAndExportedAsCsv() throws Exception {
        try (AdminServer server = new AdminServer()) {
            String key = server.control.keys().createKey(new KeyDraft("spender", null, List.of("*"), Set.of(),
                    List.of(), null, Limits.NONE, Json.object()), Actor.CLI).secret();
            for (String model : List.of("mock", "mock", "mock-b")) {
                HttpResponse<String> chat = server.send(server.gatehouse.port(), "POST", "/v1/chat/completions",
                        Map.of("authorization", "Bearer " + key), "{\"model\":\"" + model
                                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false);
                assertEquals(200, chat.statusCode(), chat.body());
            }
            // Rows leave the request path in batches (every second by default): wait for them, bounded.
            JsonNode totals = null;
            for (int i = 0; i < 100; i++) {
                totals = server.ok(200, "GET", "/admin/spend?group_by=model", null);
                if (totals.path("data").size() == 2) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("model", totals.path("group_by").asText());
            assertEquals(List.of("mock:2", "mock-b:1"), List.of(
                    totals.path("data").get(0).path("model").asText() + ":" + totals.path("data").get(0).path("requests").asLong(),
                    totals.path("data").get(1).path("model").asText() + ":" + totals.path("data").get(1).path("requests").asLong()));
            assertTrue(totals.path("data").get(0).path("prompt_tokens").asLong() > 0);

            HttpResponse<String> csv = server.admin("GET", "/admin/spend/export", server.auditor, null);
            assertEquals(200, csv.statusCode(), csv.body());
            assertTrue(csv.headers().firstValue("content-type").orElseThrow().startsWith("text/csv"));
            List<String> lines = csv.body().lines().toList();
            assertTrue(lines.getFirst().startsWith("time,request_id,key_id"), lines.getFirst());
            assertEquals(4, lines.size(), csv.body());
            assertTrue(!csv.body().contains(key), "no key in the export");

            assertEquals("group_by", server.error(400, server.admin("GET", "/admin/spend?group_by=color", server.owner,
                    null)).path("param").asText());
            assertEquals("from", server.error(400, server.admin("GET", "/admin/spend?from=yesterday", server.owner,
                    null)).path("param").asText());
            assertEquals(200, server.admin("GET", "/admin/spend?group_by=day", server.keyAdmin, null).statusCode());
        }
    }
}
