package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.testing.RecordedJars;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /admin/sbom}: the SBOM of the jar Gatehouse runs from, byte for byte, to every admin
 * role and to no virtual key; a 404 in the admin API's format without a jar or without an SBOM in it.
 */
class SbomRouteTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static GatehouseConfig config() {
        return new GatehouseConfig(new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1)),
                List.of(Deployment.builder("mock", "mock").build()), Set.of());
    }

    private static HttpResponse<String> get(Gatehouse gatehouse, String bearer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.adminPort() + "/admin/sbom"))
                .header("authorization", "Bearer " + bearer).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyAdminRoleReadsTheSbomOfTheJarAndAVirtualKeyDoesNot(@TempDir Path dir) throws Exception {
        String sbom = RecordedJars.sbom("com.example:dep:1.0");
        Path jar = RecordedJars.record(dir, RecordedJars.shaded(sbom));
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config(), control, Optional.of(RunningJar.at(jar)))) {
            for (AdminRole role : AdminRole.values()) {
                String secret = control.adminKeys().create(role.wireName(), role, Actor.CLI).secret();
                HttpResponse<String> answer = get(gatehouse, secret);
                assertEquals(200, answer.statusCode(), role + ": " + answer.body());
                assertEquals("application/vnd.cyclonedx+json", answer.headers().firstValue("content-type").orElseThrow());
                assertEquals("no-store", answer.headers().firstValue("cache-control").orElseThrow());
                assertEquals(sbom, answer.body(), "the SBOM as the build put it in the jar");
            }
            String virtualKey = control.keys().createKey(new KeyDraft("k", null, List.of("*"), Set.of(), List.of(),
                    null, Limits.NONE, Json.object()), Actor.CLI).secret();
            HttpResponse<String> refused = get(gatehouse, virtualKey);
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("invalid_admin_key", error(refused).get("code").asText());
        }
    }

    @Test
    void withoutAJarThereIsNoSbomToServe() throws Exception {
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config(), control, Optional.empty())) {
            String owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
            HttpResponse<String> answer = get(gatehouse, owner);
            assertEquals(404, answer.statusCode(), answer.body());
            assertTrue(error(answer).get("message").asText().contains("does not run from its jar"), answer.body());
        }
    }

    @Test
    void aJarWithoutAnSbomHasNoneToServe(@TempDir Path dir) throws Exception {
        Map<String, byte[]> entries = RecordedJars.shaded(RecordedJars.sbom());
        entries.remove("META-INF/sbom/gatehouse-sbom.json");
        Path jar = RecordedJars.record(dir, entries);
        try (ControlPlane control = TestStores.h2ControlPlane();
                Gatehouse gatehouse = Gatehouse.start(config(), control, Optional.of(RunningJar.at(jar)))) {
            String auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
            HttpResponse<String> answer = get(gatehouse, auditor);
            assertEquals(404, answer.statusCode(), answer.body());
            assertTrue(error(answer).get("message").asText().contains("holds no SBOM"), answer.body());
        }
    }

    /** The admin API's error object: OpenAI's format. */
    private static JsonNode error(HttpResponse<String> answer) {
        assertEquals("application/json", answer.headers().firstValue("content-type").orElseThrow());
        JsonNode error = Json.parseUpstream(answer.body(), "test").get("error");
        assertTrue(error != null && error.get("message").isTextual() && error.has("type") && error.has("code"),
                answer.body());
        return error;
    }
}
