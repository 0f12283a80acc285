package dev.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.ImageFetcher;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageInlinerTest {

    private static ChatRequest withImage(String url) {
        return ChatRequest.builder("m").messages(List.of(Message.User.of("Hello"),
                new Message.User(List.of(new ContentPart.Text("What is this?"), new ContentPart.Image(url, "low")), null)))
                .build();
    }

    /** Fetches over plain http from loopback only: the fakes have no TLS. */
    private static ImageFetcher loopbackFetcher() {
        return new ImageFetcher(new ImageFetcher.Policy(InetAddress::getAllByName, InetAddress::isLoopbackAddress,
                port -> true, Set.of("http"), 1024, Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    private static ChatRequest withImages(List<String> urls) {
        List<ContentPart> parts = new ArrayList<>();
        parts.add(new ContentPart.Text("What are these?"));
        urls.forEach(url -> parts.add(new ContentPart.Image(url, null)));
        return ChatRequest.builder("m").messages(List.of(new Message.User(parts, null))).build();
    }

    @Test
    void refusesUrlsWhenTheDeploymentDoesNotFetchNamingTheField() {
        ImageInliner inliner = new ImageInliner(new ImageFetcher());
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> inliner.inline(
                withImage("https://example.com/cat.png"), Deployment.builder("m", "gemini").build()));
        assertEquals("messages[1].content[1].image_url.url", error.param());
        assertTrue(error.getMessage().contains("fetch_images"), error.getMessage());
    }

    @Test
    void leavesDataUrlsAndTextAlone() {
        ChatRequest request = withImage("data:image/png;base64,AAAA");
        assertSame(request, new ImageInliner(new ImageFetcher())
                .inline(request, Deployment.builder("m", "gemini").build()));
    }

    @Test
    void inlinesFetchedImagesKeepingTheirDetail() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/gif"), gif))) {
            ChatRequest inlined = new ImageInliner(loopbackFetcher()).inline(withImage(server.baseUrl() + "/a.gif"),
                    Deployment.builder("m", "gemini").fetchImages(true).build());
            Message.User user = (Message.User) inlined.messages().get(1);
            assertEquals(new ContentPart.Image("data:image/gif;base64,R0lGODlh", "low"), user.content().get(1));
        }
    }

    /** More image URLs than the deployment fetches per request: a 400 naming the first too many, nothing fetched. */
    @Test
    void refusesMoreImagesThanTheDeploymentFetchesBeforeFetchingAny() {
        AtomicInteger fetches = new AtomicInteger();
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
        try (FakeHttpServer server = new FakeHttpServer(r -> {
            fetches.incrementAndGet();
            return new Reply.Full(200, Map.of("content-type", "image/gif"), gif);
        })) {
            List<String> urls = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                urls.add(server.baseUrl() + "/" + i + ".gif");
            }
            Deployment deployment = Deployment.builder("m", "bedrock").fetchImages(true).maxFetchedImages(3).build();
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () ->
                    new ImageInliner(loopbackFetcher()).prepare(withImages(urls), deployment, true, new FetchedImages()));
            assertEquals("messages[0].content[4].image_url.url", error.param());
            assertTrue(error.getMessage().contains("at most 3 image URLs"), error.getMessage());
            assertEquals(0, fetches.get());
        }
    }

    /** The images of one request together may not pass the deployment's byte limit. */
    @Test
    void refusesImagesThatTogetherPassTheRequestsByteLimit() {
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/png"),
                new byte[400]))) {
            List<String> urls = List.of(server.baseUrl() + "/a.png", server.baseUrl() + "/b.png",
                    server.baseUrl() + "/c.png");
            Deployment deployment = Deployment.builder("m", "bedrock").fetchImages(true).maxFetchedBytes(1000).build();
            GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () ->
                    new ImageInliner(loopbackFetcher()).prepare(withImages(urls), deployment, true, new FetchedImages()));
            assertEquals("messages[0].content[3].image_url.url", error.param());
        }
    }

    /** A second attempt of the same request (a retry, a fallback) reuses the bytes the first fetched. */
    @Test
    void fetchesEachImageOncePerRequestWhateverTheAttempts() {
        AtomicInteger fetches = new AtomicInteger();
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
        try (FakeHttpServer server = new FakeHttpServer(r -> {
            fetches.incrementAndGet();
            return new Reply.Full(200, Map.of("content-type", "image/gif"), gif);
        })) {
            ImageInliner inliner = new ImageInliner(loopbackFetcher());
            FetchedImages fetched = new FetchedImages();
            ChatRequest request = withImage(server.baseUrl() + "/a.gif");
            Deployment first = Deployment.builder("m", "bedrock").fetchImages(true).build();
            Deployment second = Deployment.builder("m", "vllm").fetchImages(true).privateNetwork(true).build();
            ChatRequest one = inliner.prepare(request, first, true, fetched);
            ChatRequest two = inliner.prepare(request, second, false, fetched);
            assertEquals(one.messages(), two.messages());
            assertEquals(1, fetches.get());
        }
    }

    /** A private-network upstream never gets a remote image URL: refused unless the deployment fetches it. */
    @Test
    void aPrivateNetworkDeploymentGetsNoRemoteImageUrl() {
        ImageInliner inliner = new ImageInliner(new ImageFetcher());
        Deployment local = Deployment.builder("m", "vllm").privateNetwork(true).build();
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> inliner.prepare(
                withImage("https://example.com/cat.png"), local, false, new FetchedImages()));
        assertEquals("messages[1].content[1].image_url.url", error.param());
        assertTrue(error.getMessage().contains("private network"), error.getMessage());
        ChatRequest inline = withImage("data:image/png;base64,AAAA");
        assertSame(inline, inliner.prepare(inline, local, false, new FetchedImages()));
    }

    /** A deployment that takes URLs gets https: and data: ones only, whoever built the request. */
    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "ftp://example.com/a.png",
        "gopher://127.0.0.1:6379/_INFO", "/etc/passwd"})
    void aDeploymentThatTakesUrlsGetsHttpsOnly(String url) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () ->
                new ImageInliner(new ImageFetcher()).prepare(withImage(url), Deployment.builder("m", "openai").build(),
                        false, new FetchedImages()));
        assertEquals("messages[1].content[1].image_url.url", error.param());
    }
}
