package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One list of dropped fields per request: the reader's, then the latest attempt's (one header, docs/agents.md). */
class RouteTraceTest {

    @Test
    void theReadersDroppedFieldsOutliveEachAttempt() {
        RouteTrace trace = RequestContext.start().trace();
        assertEquals(List.of(), trace.dropped());
        trace.addDropped(List.of("context_management", "system[0].cache_control"));
        trace.dropped(List.of("logit_bias"));
        assertEquals(List.of("context_management", "system[0].cache_control", "logit_bias"), trace.dropped());
        // The next attempt's deployment drops nothing of its own: the reader's list stays.
        trace.dropped(List.of());
        assertEquals(List.of("context_management", "system[0].cache_control"), trace.dropped());
    }

    @Test
    void withoutTheReaderTheAttemptsListIsAllThereIs() {
        RouteTrace trace = RequestContext.start().trace();
        trace.dropped(List.of("seed"));
        assertEquals(List.of("seed"), trace.dropped());
    }
}
