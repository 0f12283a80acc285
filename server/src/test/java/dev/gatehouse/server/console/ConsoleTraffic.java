package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Real requests through a console test's gateway, so that its pages show what the gateway
 * recorded: virtual keys (in a team or not), chat requests to the mock models (which fail on
 * purpose when asked to, see {@code MockAnswers}), and the admin API read with the owner's key.
 */
final class ConsoleTraffic {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ConsoleGateways.Running running;

    ConsoleTraffic(ConsoleGateways.Running running) {
        this.running = running;
    }

    /** A virtual key for every model, in {@code teamId} (null: no team); its secret. */
    String key(String name, String teamId) {
        return running.control().keys().createKey(new KeyDraft(name, teamId, List.of("*"), Set.of(), List.of(), null,
                Limits.NONE, Json.object()), Actor.CLI).secret();
    }

    /** A team for every model; its id. */
    String team(String name) {
        return running.control().keys().createTeam(new TeamDraft(name, List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
    }

    /** One chat completion; its status. {@code mock:error:401} as the message makes the upstream refuse it. */
    int chat(String key, String model, String message) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(running.modelBase()
                        + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.object().put("model", model)
                        .set("messages", Json.array().add(Json.object().put("role", "user").put("content", message)))
                        .toString())));
        return response.statusCode();
    }

    /** A successful chat completion. */
    void chatOk(String key, String model) {
        assertEquals(200, chat(key, model, "Say hello to the console."));
    }

    /** What the admin API answers to a GET with the owner's key; it must be a 200. */
    JsonNode admin(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(running.base() + path))
                .header("authorization", "Bearer " + running.ownerKey()).GET());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Json.parseUpstream(response.body(), "test");
    }

    /**
     * Waits until the spend log holds {@code rows} rows: they leave the request path in batches
     * (about every second), and the pages read the log. Bounded; fails if they never come.
     */
    void awaitSpendRows(long rows) {
        long seen = 0;
        for (int i = 0; i < 200 && seen < rows; i++) {
            seen = 0;
            for (JsonNode group : admin("/admin/spend?group_by=model").path("data")) {
                seen += group.path("requests").asLong();
            }
            if (seen < rows) {
                pause();
            }
        }
        assertEquals(rows, seen, "spend rows written");
    }

    /** Waits until the audit log holds at least {@code entries} entries (written in batches too); its head. */
    JsonNode awaitAuditEntries(long entries) {
        JsonNode verify = admin("/admin/audit/verify");
        for (int i = 0; i < 200 && verify.path("entries").asLong() < entries; i++) {
            pause();
            verify = admin("/admin/audit/verify");
        }
        assertEquals(true, verify.path("entries").asLong() >= entries, "audit entries written: " + verify);
        return verify;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
