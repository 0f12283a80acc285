package dev.gatehouse.provider.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.google.VertexAi;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Vertex AI's URLs (https://cloud.google.com/vertex-ai/generative-ai/docs/model-reference/inference):
 * a regional host for a region, aiplatform.googleapis.com for the global location, and no
 * value that could leave its path segment.
 */
class VertexEndpointTest {

    private final GeminiPlatform vertex = new GeminiPlatform.Vertex(new VertexAi());

    private static Deployment deployment(String project, String location) {
        return Deployment.builder("g", "vertex").options(Map.of("project", project, "location", location)).build();
    }

    @Test
    void aRegionHasItsOwnHost() {
        assertEquals(URI.create("https://us-central1-aiplatform.googleapis.com/v1/projects/my-proj/locations/us-central1"
                + "/publishers/google/models/gemini-2.5-flash:streamGenerateContent?alt=sse"),
                vertex.endpoint(deployment("my-proj", "us-central1"), "gemini-2.5-flash", ":streamGenerateContent?alt=sse"));
    }

    @Test
    void theGlobalLocationHasNoRegionInItsHost() {
        assertEquals(URI.create("https://aiplatform.googleapis.com/v1/projects/my-proj/locations/global"
                + "/publishers/google/models/gemini-2.5-pro:generateContent"),
                vertex.endpoint(deployment("my-proj", "global"), "gemini-2.5-pro", ":generateContent"));
    }

    @Test
    void valuesThatWouldLeaveTheirSegmentAreRefused() {
        assertThrows(GatewayException.BadRequest.class,
                () -> vertex.endpoint(deployment("p", "us-central1"), "../../other", ":generateContent"));
        assertThrows(IllegalStateException.class,
                () -> vertex.endpoint(deployment("p/x", "us-central1"), "m", ":generateContent"));
        assertThrows(IllegalStateException.class,
                () -> vertex.endpoint(deployment("p", "evil.example"), "m", ":generateContent"));
    }
}
