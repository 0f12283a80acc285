package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Images a private-network deployment needs inline: fetched by Gatehouse once per request, whatever the retries. */
class GatewayImagesTest {

    private static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a'};

    @Test
    void anImageIsFetchedOncePerRequestAcrossRetries() {
        AtomicInteger fetches = new AtomicInteger();
        try (FakeHttpServer images = new FakeHttpServer(r -> {
                fetches.incrementAndGet();
                return new Reply.Full(200, Map.of("content-type", "image/gif"), GIF);
            });
            FakeOpenAi local = new FakeOpenAi()) {
            local.replyError(ErrorKind.SERVER_ERROR);
            local.replyError(ErrorKind.SERVER_ERROR);
            local.replyText("A cat.", new FakeUsage(10, 2));
            Gateway gateway = Gateway.builder()
                    .deployment(Deployment.builder("local", "vllm").baseUrl(local.baseUrl())
                            .apiKey(Secret.of(local.apiKey())).privateNetwork(true).fetchImages(true).build())
                    .routing(RoutingSettings.DEFAULTS.withRetries(2))
                    .sleeper(duration -> { })
                    // Plain http from loopback: the fakes have no TLS; production fetches https from public addresses.
                    .imageFetcher(new ImageFetcher(new ImageFetcher.Policy(InetAddress::getAllByName,
                            InetAddress::isLoopbackAddress, port -> true, Set.of("http"), 1024, Duration.ofSeconds(2),
                            Duration.ofSeconds(5))))
                    .build();
            RouteTrace trace = new RouteTrace();
            ChatRequest request = ChatRequest.of("local", List.of(new Message.User(List.of(
                    new ContentPart.Text("What is this?"), new ContentPart.Image(images.baseUrl() + "/cat.gif", null)),
                    null)));
            assertEquals("A cat.", gateway.chat(request, trace).choices().getFirst().message().content());
            assertEquals(3, trace.attempts());
            assertEquals(1, fetches.get(), "one fetch for three attempts");
            assertEquals(3, local.requests().size());
            for (var sent : local.requests()) {
                JsonNode image = sent.json().at("/messages/0/content/1/image_url/url");
                assertTrue(image.asText().startsWith("data:image/gif;base64,"), image.asText());
            }
        }
    }
}
