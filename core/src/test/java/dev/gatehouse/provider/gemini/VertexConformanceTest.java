package dev.gatehouse.provider.gemini;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.gemini.FakeGemini;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Every conformance scenario for Gemini models on Vertex AI, against the strict fake Vertex
 * door, which accepts only access tokens that the fake Google token endpoint issued for a JWT
 * signed with the test's own service-account key.
 */
class VertexConformanceTest extends ConformanceSuite {

    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth();

    @Override
    protected ScriptableFake newFake() {
        return FakeGemini.vertex("fake-project", "europe-west4", oauth);
    }

    @Override
    protected String providerId() {
        return "vertex";
    }

    @Override
    protected Map<String, String> deploymentOptions() {
        return Map.of("project", "fake-project", "location", "europe-west4", "token_url", oauth.tokenUrl().toString());
    }

    @AfterEach
    void closeOAuth() {
        oauth.assertNoViolations();
        oauth.close();
    }
}
