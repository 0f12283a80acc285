package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code server.metrics_public}: whether {@code /metrics} answers without an admin key off loopback. */
class MetricsSettingsTest {

    @Test
    void theMetricsAreNotPublicUnlessTheFileSaysSo() {
        assertFalse(ServerSettings.defaults().metricsPublic());
        assertFalse(loadOk("server:\n  host: 0.0.0.0\n").config().server().metricsPublic());
        ServerSettings open = loadOk("server:\n  host: 0.0.0.0\n  metrics_public: true\n").config().server();
        assertTrue(open.metricsPublic());
        assertTrue(open.withPort(9999).metricsPublic(), "a --port keeps the setting");
        assertTrue(open.withAdminListener("127.0.0.1", 0).metricsPublic());
    }

    @Test
    void aNonBooleanIsAProblem() {
        assertProblem(load("server:\n  metrics_public: \"yes please\"\n"), "server.metrics_public (line 2)",
                "must be true or false");
    }
}
