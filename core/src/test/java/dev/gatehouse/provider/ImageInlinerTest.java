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
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.Reply;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageInlinerTest {

    private static ChatRequest withImage(String url) {
        return ChatRequest.builder("m").messages(List.of(Message.User.of("Hello"),
                new Message.User(List.of(new ContentPart.Text("What is this?"), new ContentPart.Image(url, "low")), null)))
                .build();
    }

    @Test
    void refusesUrlsWhenTheDeploymentDoesNotFetchNamingTheField() {
        ImageInliner inliner = new ImageInliner(new ImageFetcher(new JdkHttpTransport()));
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> inliner.inline(
                withImage("https://example.com/cat.png"), Deployment.builder("m", "gemini").build()));
        assertEquals("messages[1].content[1].image_url.url", error.param());
        assertTrue(error.getMessage().contains("fetch_images"), error.getMessage());
    }

    @Test
    void leavesDataUrlsAndTextAlone() {
        ChatRequest request = withImage("data:image/png;base64,AAAA");
        assertSame(request, new ImageInliner(new ImageFetcher(new JdkHttpTransport()))
                .inline(request, Deployment.builder("m", "gemini").build()));
    }

    @Test
    void inlinesFetchedImagesKeepingTheirDetail() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a'};
        try (FakeHttpServer server = new FakeHttpServer(r -> new Reply.Full(200, Map.of("content-type", "image/gif"), gif))) {
            ImageFetcher fetcher = new ImageFetcher(new JdkHttpTransport(), new ImageFetcher.Policy(
                    InetAddress::getAllByName, InetAddress::isLoopbackAddress, port -> true, 1024, Duration.ofSeconds(2)));
            ChatRequest inlined = new ImageInliner(fetcher).inline(withImage(server.baseUrl() + "/a.gif"),
                    Deployment.builder("m", "gemini").fetchImages(true).build());
            Message.User user = (Message.User) inlined.messages().get(1);
            assertEquals(new ContentPart.Image("data:image/gif;base64,R0lGODlh", "low"), user.content().get(1));
        }
    }
}
