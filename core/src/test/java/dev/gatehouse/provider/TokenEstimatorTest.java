package dev.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented heuristic, computed by hand. */
class TokenEstimatorTest {

    @Test
    void textMessagesImagesAndTools() {
        ChatRequest request = ChatRequest.builder("m").messages(List.of(
                new Message.System("12345678", null),
                new Message.User(List.of(new ContentPart.Text("1234"), new ContentPart.Image("https://x/y.png", null)), null)))
                .tools(List.of(new Tool("abcd", null, Json.object(), null)))
                .build();
        // Characters: 8 + 4 + ("abcd" 4 + "{}" 2) = 18 → 5 tokens; framing 3 × 4; one image 1600.
        assertEquals(5 + 12 + 1600, TokenEstimator.CHARACTERS.estimate(request));
    }
}
