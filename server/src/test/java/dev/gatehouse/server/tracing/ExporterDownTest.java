package dev.gatehouse.server.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A trace backend that fails or is gone costs the callers nothing: requests are served, lost spans counted. */
class ExporterDownTest {

    @Test
    void requestsAreServedWhileExportsFailAndTheLostSpansAreCounted() throws Exception {
        try (TracedGateway gateway = new TracedGateway(s -> s)) {
            gateway.receiver.failWith(503);
            for (int i = 0; i < 5; i++) {
                gateway.openai.replyText("ok", new FakeUsage(1, 1));
                assertEquals(200, gateway.chat("hi", false).statusCode());
            }
            gateway.gatehouse.close(); // flushes: every export of the queued spans is tried and fails
            String metrics = gateway.scrape();
            assertEquals(15, counter(metrics, "gatehouse_trace_spans_failed_total"), metrics);
            assertEquals(0, counter(metrics, "gatehouse_trace_spans_exported_total"), metrics);
        }
    }

    @Test
    void aFullQueueDropsSpansAndCountsThem() throws Exception {
        // A backend that never answers holds the worker in an export until it times out; a queue
        // of 1 then overflows while requests go on being served.
        try (TracedGateway gateway = new TracedGateway(s -> s.withExport(1, 1, java.time.Duration.ofMillis(10),
                java.time.Duration.ofSeconds(1)))) {
            gateway.receiver.hang();
            for (int i = 0; i < 5; i++) {
                gateway.openai.replyText("ok", new FakeUsage(1, 1));
                assertEquals(200, gateway.chat("hi", false).statusCode());
            }
            String metrics = gateway.scrape();
            assertTrue(counter(metrics, "gatehouse_trace_spans_dropped_total") > 0, metrics);
        }
    }

    private static long counter(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + " (\\d+)$").matcher(metrics);
        assertTrue(m.find(), name + " in " + metrics);
        return Long.parseLong(m.group(1));
    }
}
