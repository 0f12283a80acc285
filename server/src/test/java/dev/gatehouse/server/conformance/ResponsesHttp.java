package dev.gatehouse.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** {@code /v1/responses} on the wire, as Codex or curl calls it: requests with a key and a request id, SSE read back. */
final class ResponsesHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One exchange: the request id it was sent with, and the answer. */
    record Exchange(String requestId, HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        JsonNode json() {
            return Json.parseUpstream(response.body(), "test");
        }

        /** The OpenAI-format error of this answer, after checking its status. */
        JsonNode error(int status) {
            assertEquals(status, status(), body());
            JsonNode error = json().path("error");
            assertTrue(error.isObject() && error.path("message").isTextual() && error.has("type"),
                    "an OpenAI error object: " + body());
            return error;
        }

        /** The SSE events of a streamed answer, each checked: its event name is its data's type. */
        List<JsonNode> events() {
            assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse("")
                    .split(";")[0].strip(), body());
            List<JsonNode> events = new ArrayList<>();
            for (String block : body().split("\n\n")) {
                String name = null;
                StringBuilder data = new StringBuilder();
                for (String line : block.split("\n")) {
                    if (line.startsWith("event:")) {
                        name = line.substring("event:".length()).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring("data:".length()).strip());
                    }
                }
                if (data.isEmpty()) {
                    continue;
                }
                JsonNode event = Json.parseUpstream(data.toString(), "test");
                if (name != null) {
                    assertEquals(name, event.path("type").asText(), "event name and type agree: " + block);
                }
                events.add(event);
            }
            return events;
        }
    }

    private final int port;

    ResponsesHttp(int port) {
        this.port = port;
    }

    Exchange post(String key, String body) {
        return send(key, "/v1/responses", "POST", body);
    }

    Exchange get(String key, String path) {
        return send(key, path, "GET", null);
    }

    Exchange delete(String key, String path) {
        return send(key, path, "DELETE", null);
    }

    private Exchange send(String key, String path, String method, String body) {
        String requestId = "conf-" + UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).header("authorization", "Bearer " + key)
                .header("x-request-id", requestId);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')));
        }
        try {
            return new Exchange(requestId, HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
