package dev.gatehouse.server.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Bedrock signs the path as it goes on the wire: a transport that re-encodes it (a model id's
 * {@code %3A} sent as {@code :}) would break every signature. This sends a signed Converse and
 * ConverseStream call through the server's HTTP/1.1 transport to the fake Bedrock, which
 * recomputes the signature from the request it received.
 */
class BedrockOverHttp1Test {

    @Test
    void signedCallsSurviveTheServersTransport() {
        try (FakeBedrock fake = new FakeBedrock()) {
            ChatProvider provider = Providers.create("bedrock");
            Deployment deployment = Deployment.builder("claude", "bedrock")
                    .upstreamModel("arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-v1:0")
                    .baseUrl(fake.baseUrl())
                    .options(Map.of("region", FakeBedrock.REGION))
                    .credential("aws_access_key_id", Secret.of(FakeBedrock.ACCESS_KEY_ID))
                    .credential("aws_secret_access_key", Secret.of(fake.apiKey()))
                    .build();
            Upstream upstream = new Upstream(deployment,
                    new Http1Transport(new EgressPolicy(Set.of("127.0.0.1")), Duration.ofSeconds(5)));
            ChatRequest request = ChatRequest.of(deployment.upstreamModel(), List.of(Message.User.of("Hi")));

            fake.replyText("Hello", new FakeUsage(3, 1));
            ChatResponse response = provider.chat(request, upstream);
            fake.assertNoViolations();
            assertEquals("Hello", response.choices().getFirst().message().content());
            assertEquals("/model/arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Ainference-profile%2F"
                    + "us.anthropic.claude-v1%3A0/converse", fake.lastRequest().pathOnly(), "the path as sent");

            fake.streamText(List.of("Hel", "lo"), new FakeUsage(3, 1));
            StringBuilder text = new StringBuilder();
            try (ChatStream stream = provider.stream(request.toBuilder().stream(true).build(), upstream)) {
                while (stream.hasNext()) {
                    ChatChunk chunk = stream.next();
                    chunk.choices().forEach(c -> text.append(c.delta().content() == null ? "" : c.delta().content()));
                }
            }
            fake.assertNoViolations();
            assertEquals("Hello", text.toString());
        }
    }
}
