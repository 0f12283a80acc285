package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gatehouse.provider.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultsTest {

    @Test
    void theBuiltInConfigurationServesTheMockOnThisMachine() {
        ConfigLoader.Loaded loaded = new ConfigLoader(name -> null).embeddedDefaults();
        assertEquals(List.of(), loaded.problems());
        assertEquals(List.of(), loaded.warnings());
        GatehouseConfig config = loaded.config();
        assertEquals(ServerSettings.defaults(), config.server());
        assertEquals("127.0.0.1", config.server().host());
        assertEquals(4000, config.server().port());
        List<Deployment> deployments = config.deployments();
        assertEquals(List.of("gatehouse-mock", "gatehouse-mock-slow"), deployments.stream().map(Deployment::model)
                .toList());
        assertEquals(Set.of("mock"), Set.copyOf(deployments.stream().map(Deployment::provider).toList()));
        assertEquals(Map.of(), deployments.get(0).options());
        assertEquals(Map.of("stream_delay_ms", "50"), deployments.get(1).options());
        deployments.forEach(d -> assertNull(d.apiKey()));
        assertEquals(Set.of(), config.privateNetworkHosts());
    }

    @Test
    void theServerDefaultsAreTheDocumentedOnes() {
        ServerSettings defaults = ServerSettings.defaults();
        assertEquals(20L * 1024 * 1024, defaults.maxBodyBytes());
        assertEquals(2048, defaults.maxMessages());
        assertEquals(16 * 1024, defaults.maxHeaderBytes());
        assertEquals(java.time.Duration.ofSeconds(30), defaults.drainTimeout());
    }
}
