package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.http.UpstreamLimits;
import org.junit.jupiter.api.Test;

/** {@code server.max_upstream_body_bytes} and {@code server.max_upstream_event_bytes}. */
class UpstreamLimitsSettingsTest {

    @Test
    void theDefaultsAreGenerous() {
        UpstreamLimits limits = loadOk("server:\n  port: 8080\n").config().server().upstream();
        assertEquals(UpstreamLimits.DEFAULTS, limits);
        assertEquals(128L * 1024 * 1024, limits.maxBodyBytes());
        assertEquals(16 * 1024 * 1024, limits.maxEventBytes());
    }

    @Test
    void bothCanBeSetAndAPortChangeKeepsThem() {
        ServerSettings server = loadOk("server:\n  max_upstream_body_bytes: 1048576\n"
                + "  max_upstream_event_bytes: 65536\n").config().server();
        assertEquals(new UpstreamLimits(1048576, 65536), server.upstream());
        assertEquals(server.upstream(), server.withPort(9000).upstream());
    }

    @Test
    void outOfRangeValuesAreProblems() {
        assertProblem(load("server:\n  max_upstream_body_bytes: 10\n"), "server.max_upstream_body_bytes (line 2)",
                "must be a whole number from 1024 to 1073741824");
        assertProblem(load("server:\n  max_upstream_event_bytes: 0\n"), "server.max_upstream_event_bytes (line 2)",
                "must be a whole number from 1024 to 268435456");
    }
}
