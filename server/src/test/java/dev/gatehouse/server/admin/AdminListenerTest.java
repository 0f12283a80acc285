package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With admin_port set, the admin API is served on its own listener and nowhere else. */
class AdminListenerTest {

    @Test
    void theAdminApiIsOnlyOnItsOwnPort() {
        try (AdminServer server = new AdminServer(true)) {
            int main = server.gatehouse.port();
            int admin = server.gatehouse.adminPort();
            assertNotEquals(main, admin);
            Map<String, String> owner = Map.of("authorization", "Bearer " + server.owner);

            assertEquals(200, server.send(admin, "GET", "/admin/teams", owner, null, true).statusCode());
            String key = server.ok(201, "POST", "/admin/keys", "{\"name\":\"k\",\"models\":[\"mock\"]}").get("key")
                    .asText();
            assertEquals(200, server.send(admin, "GET", "/key/info?key=" + key, owner, null, true).statusCode());

            for (String path : new String[] {"/admin/teams", "/admin/keys", "/admin/audit", "/key/info?key=" + key}) {
                HttpResponse<String> answer = server.send(main, "GET", path, owner, null, true);
                assertEquals(404, answer.statusCode(), path + ": " + answer.body());
                assertEquals("unknown_url", Json.parseUpstream(answer.body(), "test").at("/error/code").asText());
            }
            assertEquals(404, server.send(main, "POST", "/key/generate", owner, "{\"models\":[\"mock\"]}", true)
                    .statusCode());

            // The model routes stay on the main port only.
            assertEquals(200, server.chat(key, "mock"));
            HttpResponse<String> chatOnAdmin = server.send(admin, "POST", "/v1/chat/completions",
                    Map.of("authorization", "Bearer " + key), "{\"model\":\"mock\",\"messages\":[]}", true);
            JsonNode error = server.error(404, chatOnAdmin);
            assertTrue(error.get("message").asText().contains("admin"), error.toString());
        }
    }

    @Test
    void theAdminListenerAnswersMalformedRequestsInOpenAiFormat() throws Exception {
        try (AdminServer server = new AdminServer(true);
                Socket socket = new Socket("127.0.0.1", server.gatehouse.adminPort())) {
            socket.getOutputStream().write("GET /admin/teams HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("\"error\":{\"message\""), answer);
        }
    }

    @Test
    void theAdminListenerEndsAConnectionThatAskedForClose() throws Exception {
        try (AdminServer server = new AdminServer(true);
                Socket socket = new Socket("127.0.0.1", server.gatehouse.adminPort())) {
            socket.setSoTimeout(10_000); // a bound on a hang: the end of the connection is expected at once
            socket.getOutputStream().write(("GET /admin/teams HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + server.owner + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void withoutAnAdminPortTheAdminApiIsOnTheMainPort() {
        try (AdminServer server = new AdminServer(false)) {
            assertEquals(server.gatehouse.port(), server.gatehouse.adminPort());
            assertEquals(200, server.admin("GET", "/admin/teams", server.owner, null).statusCode());
        }
    }
}
