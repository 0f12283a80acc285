package dev.gatehouse.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayServerTest {

    private GatewayServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        server = GatewayServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void livenessAnswersUp() throws Exception {
        HttpResponse<String> response = get("/health/liveness");
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"status\":\"UP\"}", response.body());
    }

    @Test
    void unknownPathIsNotFound() throws Exception {
        assertEquals(404, get("/v1/nothing-here").statusCode());
    }

    @Test
    void bindsTheRequestedFreePort() {
        assertTrue(server.port() > 0, "port 0 resolves to the port actually bound");
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
