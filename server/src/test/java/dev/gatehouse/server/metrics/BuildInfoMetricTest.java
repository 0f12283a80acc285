package dev.gatehouse.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.cli.BuildInfo;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.testing.RecordedJars;
import dev.gatehouse.server.testing.TestStores;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gatehouse_build_info}: one series, always 1, labelled with the version, the commit and the jar's SHA-256. */
class BuildInfoMetricTest {

    private static GatehouseConfig config() {
        return new GatehouseConfig(new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1)),
                List.of(Deployment.builder("mock", "mock").build()), Set.of());
    }

    private static Map<String, String> labels(String jarSha256) {
        return Map.of("version", BuildInfo.version(), "commit", BuildInfo.commit(), "jar_sha256", jarSha256);
    }

    @Test
    void aGatehouseRunFromAJarNamesTheJarsHash(@TempDir Path dir) throws Exception {
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(RecordedJars.sbom("com.example:dep:1.0")));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(java.nio.file.Files.readAllBytes(jar)));
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config(), control, Optional.of(RunningJar.at(jar)))) {
            PrometheusScrape scrape = PrometheusScrape.parse(gatehouse.metrics().scrape());
            assertEquals("gauge", scrape.types().get("gatehouse_build_info"));
            assertEquals(1, scrape.samples("gatehouse_build_info").size());
            assertEquals(Optional.of(1.0), scrape.value("gatehouse_build_info", labels(sha256)));
        }
    }

    @Test
    void withoutAJarTheHashIsUnknown() {
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config(), control)) {
            PrometheusScrape scrape = PrometheusScrape.parse(gatehouse.metrics().scrape());
            assertEquals(Optional.of(1.0), scrape.value("gatehouse_build_info", labels("unknown")));
        }
    }

    @Test
    void labelValuesAreEscaped() {
        StringBuilder out = new StringBuilder();
        new BuildInfoMetric("1.0 \"beta\"", "abc\\def", "unknown").scrape(out);
        assertEquals(Optional.of(1.0), PrometheusScrape.parse(out.toString()).value("gatehouse_build_info",
                Map.of("version", "1.0 \"beta\"", "commit", "abc\\def", "jar_sha256", "unknown")));
    }
}
