package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code GET /admin/spend/timeseries} over rows the gateway wrote for real requests, and its refusals. */
class SpendSeriesRouteTest {

    @Test
    void requestsAndErrorsAreCountedInUtcBucketsWithEveryBucketPresent() throws Exception {
        try (AdminServer server = new AdminServer()) {
            String key = server.control.keys().createKey(new KeyDraft("charted", null, List.of("mock"), Set.of(),
                    List.of(), null, Limits.NONE, Json.object()), Actor.CLI).secret();
            assertEquals(200, server.chat(key, "mock"));
            assertEquals(200, server.chat(key, "mock"));
            assertEquals(403, server.chat(key, "mock-b"), "a model the key may not use: a refused row, an error");

            // Rows leave the request path in batches (every second by default): wait for them, bounded.
            JsonNode series = null;
            for (int i = 0; i < 100; i++) {
                series = server.ok(200, "GET", "/admin/spend/timeseries?bucket=minute", null);
                if (sum(series, "requests") == 3) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals("minute", series.path("bucket").asText());
            assertEquals(3, sum(series, "requests"));
            assertEquals(1, sum(series, "errors"));
            assertTrue(sum(series, "prompt_tokens") > 0);
            JsonNode data = series.path("data");
            assertTrue(data.size() == 60 || data.size() == 61, "an hour of minutes, widened to whole ones: "
                    + data.size());
            Instant previous = null;
            for (JsonNode bucket : data) {
                Instant start = Instant.parse(bucket.path("start").asText());
                assertEquals(0, start.getEpochSecond() % 60, "minutes start on the minute, UTC");
                if (previous != null) {
                    assertEquals(previous.plusSeconds(60), start, "no bucket is missing");
                }
                previous = start;
                if (bucket.path("requests").asLong() == 0) {
                    assertEquals("0", bucket.path("cost_usd").asText(), "an empty bucket is zeros");
                }
            }
            assertEquals(Instant.parse(series.path("from").asText()), Instant.parse(data.get(0).path("start").asText()));

            for (AdminRole role : AdminRole.values()) {
                assertEquals(200, server.admin("GET", "/admin/spend/timeseries?bucket=day", server.secret(role), null)
                        .statusCode(), "every role reads it");
            }
            int hours = server.ok(200, "GET", "/admin/spend/timeseries", null).path("data").size();
            assertTrue(hours == 24 || hours == 25, "hours over the last day by default: " + hours);
        }
    }

    @Test
    void aBadRangeIsRefusedNamingItsField() {
        try (AdminServer server = new AdminServer()) {
            assertEquals("bucket", refused(server, "bucket=week"));
            assertEquals("from", refused(server, "from=yesterday"));
            assertEquals("to", refused(server, "to=" + enc("2026-13-01T00:00:00Z")));
            assertEquals("from", refused(server, "from=" + enc("2026-11-02T00:00:00Z") + "&to="
                    + enc("2026-11-01T00:00:00Z")));
            assertEquals("from", refused(server, "from=" + enc("1900-01-01T00:00:00Z")));
            assertEquals("to", refused(server, "to=" + enc("+1000000000-12-31T23:59:59Z")));
            assertEquals("bucket", refused(server, "bucket=minute&from=" + enc("2026-11-01T00:00:00Z") + "&to="
                    + enc("2026-11-02T01:00:01Z")), "1,501 minutes are too many buckets");
            assertEquals(1500, server.ok(200, "GET", "/admin/spend/timeseries?bucket=minute&from="
                    + enc("2026-11-01T00:00:00Z") + "&to=" + enc("2026-11-02T01:00:00Z"), null).path("data").size());
            assertEquals(1, server.ok(200, "GET", "/admin/spend/timeseries?bucket=day&from="
                    + enc("2026-11-01T10:00:00Z") + "&to=" + enc("2026-11-01T11:00:00Z"), null).path("data").size(),
                    "a part of one day is that whole day");
        }
    }

    private static String refused(AdminServer server, String query) {
        return server.error(400, server.admin("GET", "/admin/spend/timeseries?" + query, server.owner, null))
                .path("param").asText();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static long sum(JsonNode series, String field) {
        long total = 0;
        for (JsonNode bucket : series.path("data")) {
            total += bucket.path(field).asLong();
        }
        return total;
    }
}
