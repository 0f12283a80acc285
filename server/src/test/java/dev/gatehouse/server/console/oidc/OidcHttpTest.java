package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calls to the identity provider end: an answer that never comes or never ends fails, it does not hold a thread. */
class OidcHttpTest {

    private final OidcHttp http = new OidcHttp(OidcHttp.defaultClient(), Duration.ofMillis(300));

    @Test
    void aProviderThatNeverAnswersFailsAtTheDeadline() {
        try (FakeHttpServer server = new FakeHttpServer(request -> new Reply.Hang())) {
            ProviderUnavailable failure = assertThrows(ProviderUnavailable.class,
                    () -> http.getJson(URI.create(server.baseUrl() + "/jwks")));
            assertTrue(failure.getMessage().contains("did not answer within 300 ms"), failure::getMessage);
        }
    }

    @Test
    void anAnswerThatNeverEndsFailsAtTheSizeLimit() {
        try (FakeHttpServer server = new FakeHttpServer(request -> Reply.Endless.of("application/json", "{\"keys\":[", "{},"))) {
            OidcHttp patient = new OidcHttp(OidcHttp.defaultClient(), Duration.ofMinutes(1));
            ProviderUnavailable failure = assertThrows(ProviderUnavailable.class,
                    () -> patient.postForm(URI.create(server.baseUrl() + "/token"), Map.of("a", "b"), null));
            assertTrue(failure.getMessage().contains("could not be reached or read"), failure::getMessage);
        }
    }

    @Test
    void anAnswerThatIsNotJsonIsANullNodeWithItsStatus() throws Exception {
        try (FakeHttpServer server = new FakeHttpServer(request -> new Reply.Full(503, Map.of(), "<html>down</html>".getBytes()))) {
            OidcHttp.Answer answer = http.getJson(URI.create(server.baseUrl() + "/x"));
            assertEquals(503, answer.status());
            assertTrue(answer.json().isNull());
        }
    }
}
