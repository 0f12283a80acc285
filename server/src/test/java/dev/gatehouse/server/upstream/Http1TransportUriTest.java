package dev.gatehouse.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's transport sends a URI as it was written: its path and query, encoded as they are,
 * byte for byte.
 */
class Http1TransportUriTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "/model/us.anthropic.claude-v1%3A0/converse",
        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A1%3Ainference-profile%2Fx/converse-stream",
        "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
        "/openai/deployments/my%20deployment/chat/completions?api-version=2024-10-21",
        "/images/a%20b.png?sig=abc%2Fdef%3D&x=1+2",
        "/plain/path"})
    void sendsThePathAndQueryAsWritten(String target) {
        assertEquals(target, sent(base -> base + target).path());
    }

    @Test
    void aParameterWithoutValueAndRepeatedParametersAreSentAsWritten() {
        assertEquals("/a?x=1&y&x=2", sent(base -> base + "/a?x=1&y&x=2").path());
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertEquals("/", sent(base -> base).pathOnly());
    }

    /** The request a fake upstream saw for a GET of the URI {@code uri} makes of its base URL. */
    private static RecordedRequest sent(UnaryOperator<String> uri) {
        List<RecordedRequest> seen = new CopyOnWriteArrayList<>();
        try (FakeHttpServer server = new FakeHttpServer(request -> {
            seen.add(request);
            return Reply.Full.json(200, "{}");
        })) {
            Http1Transport transport = new Http1Transport(new EgressPolicy(Set.of("127.0.0.1")), Duration.ofSeconds(5));
            try (UpstreamResponse response = transport.send(new UpstreamRequest("GET",
                    URI.create(uri.apply(server.baseUrl().toString())), Map.of(), null, Duration.ofSeconds(5)))) {
                response.readAll();
            }
            return seen.getFirst();
        }
    }
}
