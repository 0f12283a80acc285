package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Without a master key, the credential routes say how to configure one; the rest works. */
class NoMasterKeyTest {

    @Test
    void credentialRoutesExplainTheMissingMasterKey() throws Exception {
        ControlPlane control = ControlPlane.open(TestStores.h2(), Optional.empty(), Duration.ofMillis(50));
        String owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        try (Gatehouse gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, 1 << 20, 10,
                16 * 1024, Duration.ofSeconds(1)), List.of(), Set.of()), control)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + gatehouse.adminPort() + "/admin/credentials"))
                    .header("authorization", "Bearer " + owner).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, answer.statusCode(), answer.body());
            JsonNode error = Json.parseUpstream(answer.body(), "test").get("error");
            assertEquals("master_key_not_configured", error.get("code").asText());
            assertTrue(error.get("message").asText().contains("master key"), error.toString());
            HttpResponse<String> teams = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + gatehouse.adminPort() + "/admin/teams"))
                    .header("authorization", "Bearer " + owner).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, teams.statusCode());
        }
    }
}
