package dev.gatehouse.provider.anthropic;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * Every conformance scenario for Claude on Vertex AI, against the strict fake Vertex door for
 * Anthropic's models, which accepts only access tokens the fake Google token endpoint issued
 * for a JWT signed with the test's own service-account key.
 */
class VertexAnthropicConformanceTest extends ConformanceSuite {

    private final FakeGoogleOAuth oauth = new FakeGoogleOAuth();

    @Override
    protected ScriptableFake newFake() {
        return FakeAnthropic.vertex("fake-project", "us-east5", oauth);
    }

    @Override
    protected String providerId() {
        return "vertex_anthropic";
    }

    @Override
    protected String upstreamModel() {
        return "claude-sonnet-4-5@20250929";
    }

    @Override
    protected Map<String, String> deploymentOptions() {
        return Map.of("project", "fake-project", "location", "us-east5", "token_url", oauth.tokenUrl().toString());
    }

    @AfterEach
    void closeOAuth() {
        oauth.assertNoViolations();
        oauth.close();
    }
}
