package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Who may read {@code /metrics}: anyone on a loopback listener; on any other, an admin key of
 * any role unless {@code metrics_public}; with {@code admin_port}, only on the admin listener.
 * The servers below bind 0.0.0.0 (every interface) and are reached on 127.0.0.1: the decision
 * follows the configured address, not the address a request came from.
 */
class MetricsRouteTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.10.0.3", "localhost", "LOCALHOST", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void aLoopbackListenerServesTheMetricsToAnyone(String host) {
        assertFalse(MetricsRoute.keyRequired(host, false), host);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "[::]", "10.0.0.5", "192.168.1.20", "203.0.113.7", "2001:db8::1",
            "gateway.internal", "my-host", "128.0.0.1", "::ffff:10.0.0.1"})
    void anyOtherListenerAsksForAnAdminKeyUnlessTheMetricsArePublic(String host) {
        assertTrue(MetricsRoute.keyRequired(host, false), host);
        assertFalse(MetricsRoute.keyRequired(host, true), host);
    }

    @Test
    void onEveryInterfaceTheMetricsNeedAnAdminKeyOfAnyRole() throws Exception {
        ControlPlane control = TestStores.h2ControlPlane();
        String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
        String virtual = control.keys().createKey(new KeyDraft("k", null, List.of("mock"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
        try (Gatehouse gatehouse = Gatehouse.start(config(settings("0.0.0.0")), control)) {
            int port = gatehouse.port();
            assertUnauthorized(get(port, "/metrics", null));
            assertUnauthorized(get(port, "/metrics", virtual)); // a virtual key is not an admin key
            assertUnauthorized(get(port, "/metrics", "gtw_ak_not-a-key"));
            HttpResponse<String> scraped = get(port, "/metrics", auditor);
            assertEquals(200, scraped.statusCode(), scraped.body());
            assertTrue(scraped.body().contains("gatehouse_requests_total"), scraped.body());
            assertEquals(200, get(port, "/health/liveness", null).statusCode(), "health stays open");
        }
    }

    @Test
    void metricsPublicOpensThemOnEveryInterface() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(config(settings("0.0.0.0").withMetricsPublic(true)),
                TestStores.h2ControlPlane())) {
            HttpResponse<String> scraped = get(gatehouse.port(), "/metrics", null);
            assertEquals(200, scraped.statusCode(), scraped.body());
            assertTrue(scraped.body().contains("gatehouse_open_streams"), scraped.body());
        }
    }

    @Test
    void onLoopbackTheMetricsNeedNoKey() throws Exception {
        try (Gatehouse gatehouse = Gatehouse.start(config(settings("127.0.0.1")), TestStores.h2ControlPlane())) {
            assertEquals(200, get(gatehouse.port(), "/metrics", null).statusCode());
        }
    }

    @Test
    void withAnAdminPortTheMetricsMoveToTheAdminListener() throws Exception {
        ControlPlane control = TestStores.h2ControlPlane();
        String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
        try (Gatehouse gatehouse = Gatehouse.start(config(settings("0.0.0.0").withAdminListener("127.0.0.1", 0)),
                control)) {
            HttpResponse<String> onMain = get(gatehouse.port(), "/metrics", auditor);
            assertEquals(404, onMain.statusCode(), onMain.body());
            HttpResponse<String> onAdmin = get(gatehouse.adminPort(), "/metrics", null); // a loopback listener
            assertEquals(200, onAdmin.statusCode(), onAdmin.body());
            assertTrue(onAdmin.body().contains("gatehouse_requests_total"), onAdmin.body());
        }
        ControlPlane second = TestStores.h2ControlPlane();
        String owner = second.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        try (Gatehouse gatehouse = Gatehouse.start(config(settings("127.0.0.1").withAdminListener("0.0.0.0", 0)),
                second)) {
            assertUnauthorized(get(gatehouse.adminPort(), "/metrics", null));
            assertEquals(200, get(gatehouse.adminPort(), "/metrics", owner).statusCode());
            assertEquals(404, get(gatehouse.port(), "/metrics", null).statusCode());
        }
    }

    private static ServerSettings settings(String host) {
        return new ServerSettings(host, 0, ServerSettings.DEFAULT_MAX_BODY_BYTES, ServerSettings.DEFAULT_MAX_MESSAGES,
                ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1));
    }

    private static GatehouseConfig config(ServerSettings settings) {
        return new GatehouseConfig(settings, List.of(Deployment.builder("mock", "mock")
                .options(Map.of("stream_delay_ms", "0")).build()), Set.of());
    }

    private static HttpResponse<String> get(int port, String path, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertUnauthorized(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), response.body());
        assertEquals("invalid_admin_key", Json.parseUpstream(response.body(), "test").at("/error/code").asText());
        assertFalse(response.body().contains("gatehouse_"), "no metric in a refusal");
    }
}
