package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses;
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
            RequestContext context = RequestContext.start();
            RouteTrace trace = context.trace();
            ChatRequest request = ChatRequest.of("local", List.of(new Message.User(List.of(
                    new ContentPart.Text("What is this?"), new ContentPart.Image(images.baseUrl() + "/cat.gif", null)),
                    null)));
            assertEquals("A cat.", gateway.call(context).chat(request).choices().getFirst().message().content());
            assertEquals(3, trace.attempts());
            assertEquals(1, fetches.get(), "one fetch for three attempts");
            assertEquals(3, local.requests().size());
            for (var sent : local.requests()) {
                JsonNode image = sent.json().at("/messages/0/content/1/image_url/url");
                assertTrue(image.asText().startsWith("data:image/gif;base64,"), image.asText());
            }
        }
    }

    private static Gateway anthropicOnPrivateNetwork(FakeAnthropic anthropic, boolean fetch) {
        return Gateway.builder()
                .deployment(Deployment.builder("claude", "anthropic").upstreamModel("claude-sonnet-4-5")
                        .baseUrl(anthropic.baseUrl()).apiKey(Secret.of(anthropic.apiKey())).privateNetwork(true)
                        .fetchImages(fetch).build())
                .routing(RoutingSettings.DEFAULTS.withRetries(0))
                .imageFetcher(new ImageFetcher(new ImageFetcher.Policy(InetAddress::getAllByName,
                        InetAddress::isLoopbackAddress, port -> true, Set.of("http"), 1024, Duration.ofSeconds(2),
                        Duration.ofSeconds(5))))
                .build();
    }

    private static ObjectNode messagesWithImage(String url) {
        ObjectNode body = Json.object().put("model", "claude").put("max_tokens", 10);
        var content = body.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "What is this?");
        content.addObject().put("type", "image").putObject("source").put("type", "url").put("url", url);
        return body;
    }

    /** Anthropic's Messages API sent as written: a private-network upstream still gets no image URL. */
    @Test
    void theNativeMessagesPathInlinesImagesForAPrivateNetworkDeployment() {
        AtomicInteger fetches = new AtomicInteger();
        try (FakeHttpServer images = new FakeHttpServer(r -> {
                fetches.incrementAndGet();
                return new Reply.Full(200, Map.of("content-type", "image/gif"), GIF);
            });
            FakeAnthropic anthropic = new FakeAnthropic()) {
            anthropic.replyText("A cat.", new FakeUsage(10, 2));
            ObjectNode body = messagesWithImage(images.baseUrl() + "/cat.gif");
            anthropicOnPrivateNetwork(anthropic, true).call(RequestContext.start()).anthropicMessage(body, null);
            JsonNode source = anthropic.lastRequest().json().at("/messages/0/content/1/source");
            assertEquals("base64", source.path("type").asText(), source.toString());
            assertEquals("image/gif", source.path("media_type").asText());
            assertEquals("url", body.at("/messages/0/content/1/source/type").asText(), "the caller's body is unchanged");
            assertEquals(1, fetches.get());

            GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                    () -> anthropicOnPrivateNetwork(anthropic, false).call(RequestContext.start()).anthropicMessage(body, null));
            assertEquals("messages[0].content[1].source.url", refused.param());
            assertEquals(1, anthropic.requests().size(), "the refused request reached no upstream");
        }
    }

    /** OpenAI's Responses API sent as written: a private-network deployment gets the image inline, or a 400. */
    @Test
    void theNativeResponsesPathInlinesImagesForAPrivateNetworkDeployment() {
        AtomicInteger fetches = new AtomicInteger();
        try (FakeHttpServer images = new FakeHttpServer(r -> {
                fetches.incrementAndGet();
                return new Reply.Full(200, Map.of("content-type", "image/gif"), GIF);
            });
            FakeOpenAi openAi = new FakeOpenAi()) {
            openAi.responses().reply(new FakeResponses.Usage(10, 2, 0), new FakeResponses.Text("A cat."));
            ObjectNode body = Json.object().put("model", "gpt");
            var content = body.putArray("input").addObject().put("role", "user").putArray("content");
            content.addObject().put("type", "input_text").put("text", "What is this?");
            content.addObject().put("type", "input_image").put("image_url", images.baseUrl() + "/cat.gif");
            openAiOnPrivateNetwork(openAi, true).call(RequestContext.start()).openAiResponse(body);
            String sent = openAi.lastRequest().json().at("/input/0/content/1/image_url").asText();
            assertTrue(sent.startsWith("data:image/gif;base64,"), sent);
            assertTrue(body.at("/input/0/content/1/image_url").asText().startsWith("http"), "the caller's body is unchanged");
            assertEquals(1, fetches.get());
            openAi.assertNoViolations();

            GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                    () -> openAiOnPrivateNetwork(openAi, false).call(RequestContext.start()).openAiResponse(body));
            assertEquals("input[0].content[1].image_url", refused.param());
            assertEquals(1, openAi.requests().size(), "the refused request reached no upstream");
        }
    }

    private static Gateway openAiOnPrivateNetwork(FakeOpenAi openAi, boolean fetch) {
        return Gateway.builder()
                .deployment(Deployment.builder("gpt", "openai").upstreamModel("gpt-5").baseUrl(openAi.baseUrl())
                        .apiKey(Secret.of(openAi.apiKey())).privateNetwork(true).fetchImages(fetch).build())
                .routing(RoutingSettings.DEFAULTS.withRetries(0))
                .imageFetcher(new ImageFetcher(new ImageFetcher.Policy(InetAddress::getAllByName,
                        InetAddress::isLoopbackAddress, port -> true, Set.of("http"), 1024, Duration.ofSeconds(2),
                        Duration.ofSeconds(5))))
                .build();
    }
}
