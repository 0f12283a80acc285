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
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real server on a free port over a fresh in-memory store, serving the mock model as
 * {@code mock} and {@code mock-b}, with one admin key of each role. Records every admin answer's
 * body, so a test can check that none carries a secret it must not.
 */
final class AdminServer implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final Gatehouse gatehouse;
    final ControlPlane control;
    final String owner;
    final String keyAdmin;
    final String auditor;
    /** Every body the admin API answered with. */
    final List<String> answers = new CopyOnWriteArrayList<>();
    /** Every credential value sent to {@code PUT /admin/credentials/...}. */
    final List<String> credentialValues = new CopyOnWriteArrayList<>();

    AdminServer() {
        this(false);
    }

    /** With {@code ownListener}, the admin API gets a listener of its own on a free port. */
    AdminServer(boolean ownListener) {
        ServerSettings base = new ServerSettings("127.0.0.1", 0, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1));
        ServerSettings settings = ownListener ? base.withAdminListener("127.0.0.1", 0) : base;
        control = TestStores.h2ControlPlane();
        owner = control.adminKeys().create("owner", AdminRole.OWNER, Actor.CLI).secret();
        keyAdmin = control.adminKeys().create("key admin", AdminRole.KEY_ADMIN, Actor.CLI).secret();
        auditor = control.adminKeys().create("auditor", AdminRole.AUDITOR, Actor.CLI).secret();
        gatehouse = Gatehouse.start(new GatehouseConfig(settings, List.of(mock("mock"), mock("mock-b")), Set.of()),
                control);
    }

    private static Deployment mock(String name) {
        return Deployment.builder(name, "mock").options(Map.of("stream_delay_ms", "0")).build();
    }

    String secret(AdminRole role) {
        return switch (role) {
            case OWNER -> owner;
            case KEY_ADMIN -> keyAdmin;
            case AUDITOR -> auditor;
        };
    }

    /** A request to the admin API's port, with {@code adminKey} as bearer token unless null. */
    HttpResponse<String> admin(String method, String path, String adminKey, String body) {
        return send(gatehouse.adminPort(), method, path, adminKey == null ? Map.of()
                : Map.of("authorization", "Bearer " + adminKey), body, true);
    }

    HttpResponse<String> send(int port, String method, String path, Map<String, String> headers, String body,
            boolean record) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        headers.forEach(request::header);
        if ("PUT".equals(method) && path.startsWith("/admin/credentials/") && body != null && body.contains("value")) {
            JsonNode value = Json.parseUpstream(body, "test").get("value");
            if (value != null && value.isTextual() && value.asText().strip().length() >= 8) {
                credentialValues.add(value.asText());
            }
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (record) {
                answers.add(response.body());
            }
            return response;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An admin call that must succeed with {@code status}; its JSON body. */
    JsonNode ok(int status, String method, String path, String body) {
        HttpResponse<String> response = admin(method, path, owner, body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-store", response.headers().firstValue("cache-control").orElseThrow());
        return Json.parseUpstream(response.body(), "test");
    }

    /** An admin call that must fail with {@code status}; its OpenAI-format error object. */
    JsonNode error(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = Json.parseUpstream(response.body(), "test").get("error");
        assertTrue(error != null && error.get("message").isTextual() && error.has("type") && error.has("param")
                && error.has("code"), response.body());
        return error;
    }

    /** A chat request to the main port with a virtual key; its status. */
    int chat(String virtualKey, String model) {
        return send(gatehouse.port(), "POST", "/v1/chat/completions", Map.of("authorization", "Bearer " + virtualKey),
                "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", false)
                .statusCode();
    }

    /**
     * Stops the server, then checks every recorded answer: none may contain a credential value
     * sent in (nor its second half), or the hash of any virtual or admin key in the store.
     */
    @Override
    public void close() {
        try {
            List<String> hashes = new java.util.ArrayList<>(control.database().query("SELECT hash FROM key_hashes",
                    row -> row.getString(1)));
            hashes.addAll(control.database().query("SELECT hash FROM admin_keys", row -> row.getString(1)));
            for (String answer : answers) {
                for (String value : credentialValues) {
                    assertTrue(!answer.contains(value) && !answer.contains(value.substring(value.length() / 2)),
                            "an answer contains a credential value (not shown here)");
                }
                for (String hash : hashes) {
                    assertTrue(!answer.contains(hash), "an answer contains a key hash");
                }
            }
        } finally {
            gatehouse.close();
        }
    }
}
