package dev.gatehouse.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/grafana/gatehouse.json is a dashboard Grafana imports (the shape of a dashboard export,
 * with a Prometheus data source variable), and every metric it queries is one a running
 * gateway's scrape has.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "docs", "grafana", "gatehouse.json");
    private static final Pattern METRIC = Pattern.compile("\\b(?:gatehouse|gen_ai|jvm|process)_[a-zA-Z0-9_]*");
    private static JsonNode dashboard;

    @BeforeAll
    static void read() throws IOException {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    @Test
    void itIsADashboardExportWithAPrometheusDataSourceVariable() {
        assertEquals("Gatehouse", dashboard.path("title").asText());
        assertEquals("gatehouse", dashboard.path("uid").asText());
        assertTrue(dashboard.path("schemaVersion").isInt());
        assertTrue(dashboard.path("id").isNull(), "an export leaves the id to the importing Grafana");
        JsonNode variables = dashboard.path("templating").path("list");
        assertTrue(variables.isArray());
        JsonNode datasource = variables.get(0);
        assertEquals("datasource", datasource.path("name").asText());
        assertEquals("datasource", datasource.path("type").asText());
        assertEquals("prometheus", datasource.path("query").asText());

        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertTrue(ids.add(panel.path("id").asInt()), "panel ids are unique: " + panel.path("id"));
            assertFalse(panel.path("title").asText().isBlank());
            JsonNode grid = panel.path("gridPos");
            assertTrue(grid.path("x").asInt() + grid.path("w").asInt() <= 24, panel.path("title").asText());
            assertTrue(grid.path("h").asInt() > 0 && grid.path("w").asInt() > 0);
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
            assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText());
            for (JsonNode target : panel.path("targets")) {
                assertEquals("${datasource}", target.path("datasource").path("uid").asText());
                assertFalse(target.path("expr").asText().isBlank());
                assertFalse(target.path("refId").asText().isBlank());
            }
        }
        assertTrue(ids.size() > 20);
    }

    @Test
    void everyMetricItQueriesIsInAScrape() {
        ServerSettings d = ServerSettings.defaults();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), d.drainTimeout()), List.of(Deployment.builder("mock", "mock")
                        .options(Map.of("stream_delay_ms", "0")).build()), Set.of());
        Map<String, String> families;
        try (Gatehouse gatehouse = Gatehouse.start(config, TestStores.h2ControlPlane())) {
            families = PrometheusScrape.parse(gatehouse.metrics().scrape()).types();
        }
        Set<String> queried = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher names = METRIC.matcher(target.path("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (String name : queried) {
            if (!families.containsKey(name) && !families.containsKey(histogramOf(name, families))
                    && !notOnThisPlatform(name)) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "queried by the dashboard, absent from a scrape");
        assertTrue(queried.size() > 30, queried.toString());
    }

    /** {@code x} for {@code x_bucket}, {@code x_sum} or {@code x_count} of a histogram or summary {@code x}. */
    private static String histogramOf(String name, Map<String, String> families) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            String base = name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : null;
            if (base != null && List.of("histogram", "summary").contains(families.get(base))) {
                return base;
            }
        }
        return name;
    }

    /** Metrics the JDK or the system may not give, as docs/observability.md says. */
    private static boolean notOnThisPlatform(String name) {
        return name.equals("jvm_threads_virtual_mounted") && Runtime.version().feature() < 24
                || name.startsWith("process_") && !System.getProperty("os.name").startsWith("Linux");
    }
}
