package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A deployment's own connect timeout: its requests go through a transport that has it; the others' do not. */
class ConnectTimeoutTest {

    /** Answers every request with an OpenAI completion and records the connect timeout it was made with. */
    private record Recording(Duration connectTimeout, List<String> calls) implements Transport {
        @Override
        public UpstreamResponse send(UpstreamRequest request) {
            calls.add(request.uri().getHost() + " " + connectTimeout);
            String body = "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"gpt-4o\",\"choices\":"
                    + "[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";
            return new UpstreamResponse(200, Map.of("content-type", List.of("application/json")),
                    new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Transport withConnectTimeout(Duration value) {
            return new Recording(value, calls);
        }
    }

    @Test
    void eachDeploymentConnectsWithItsOwnTimeout() {
        List<String> calls = new ArrayList<>();
        Gateway gateway = Gateway.builder()
                .transport(new Recording(null, calls))
                .deployment(Deployment.builder("quick", "openai").baseUrl("https://quick.example/v1")
                        .apiKey(Secret.of("k")).connectTimeout(Duration.ofSeconds(2)).build())
                .deployment(Deployment.builder("plain", "openai").baseUrl("https://plain.example/v1")
                        .apiKey(Secret.of("k")).build())
                .build();
        gateway.chat(ChatRequest.of("quick", List.of(Message.User.of("Hi"))));
        gateway.chat(ChatRequest.of("plain", List.of(Message.User.of("Hi"))));
        assertEquals(List.of("quick.example PT2S", "plain.example null"), calls);
        assertTrue(gateway.deployments("quick").getFirst().connectTimeout().equals(Duration.ofSeconds(2)));
    }
}
