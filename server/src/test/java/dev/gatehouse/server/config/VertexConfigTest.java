package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblemAt;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.testkit.google.FakeGoogleOAuth;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Vertex AI deployments, in Gatehouse's format and in LiteLLM's ({@code vertex_ai/…}). */
class VertexConfigTest {

    private static final FakeGoogleOAuth OAUTH = new FakeGoogleOAuth();
    private static final Map<String, String> ENV = new HashMap<>(Configs.ENV);

    static {
        ENV.put("VERTEX_SA_KEY", OAUTH.serviceAccountJson("https://oauth2.googleapis.com/token"));
        ENV.put("VERTEX_KEY_PATH", "/etc/gatehouse/vertex.json");
        ENV.put("NOT_A_KEY", "{\"type\":\"authorized_user\"}");
    }

    @AfterAll
    static void close() {
        OAUTH.close();
    }

    private static ConfigLoader.Loaded load(String yaml) {
        return Configs.loader(ENV::get).parse(yaml, "gatehouse.yaml");
    }

    private static String gatehouse(String deployment) {
        return "models:\n  - name: gemini-vertex\n    provider: vertex\n    model: gemini-2.5-flash\n" + deployment.indent(4);
    }

    @Test
    void aVertexDeployment() {
        ConfigLoader.Loaded loaded = load(gatehouse("""
                api_key: env:VERTEX_SA_KEY
                options:
                  project: my-project-1
                  location: europe-west4
                """));
        assertEquals(java.util.List.of(), loaded.problems());
        Deployment d = loaded.config().deployments().getFirst();
        assertEquals("vertex", d.provider());
        assertEquals(Map.of("project", "my-project-1", "location", "europe-west4"), d.options());
    }

    @Test
    void projectAndLocationAreRequired() {
        assertProblemAt(load(gatehouse("api_key: env:VERTEX_SA_KEY\noptions:\n  location: global\n")),
                "models[0].options", "needs the option project");
        assertProblemAt(load(gatehouse("api_key: env:VERTEX_SA_KEY\noptions:\n  project: my-project-1\n")),
                "models[0].options", "needs the option location");
    }

    @Test
    void aLocationThatIsNotOneIsAProblem() {
        assertProblemAt(load(gatehouse("api_key: env:VERTEX_SA_KEY\noptions:\n  project: my-project-1\n"
                + "  location: evil.example/x\n")), "models[0].options.location", "not a Vertex AI location");
    }

    @Test
    void theKeyMustBeAServiceAccountKey() {
        ConfigLoader.Loaded loaded = load(gatehouse("api_key: env:NOT_A_KEY\noptions:\n  project: my-project-1\n"
                + "  location: global\n"));
        assertProblemAt(loaded, "models[0].api_key", "service_account");
    }

    @Test
    void unknownOptionsAreProblems() {
        assertProblemAt(load(gatehouse("api_key: env:VERTEX_SA_KEY\noptions:\n  project: my-project-1\n"
                + "  location: global\n  region: x\n")), "models[0].options.region", "unknown option");
    }

    @Test
    void aTokenUrlOnAPrivateNetworkMustBeAllowed() {
        String options = "api_key: env:VERTEX_SA_KEY\noptions:\n  project: my-project-1\n  location: global\n"
                + "  token_url: http://10.0.0.5/token\n";
        assertProblemAt(load(gatehouse(options)), "models[0].options.token_url", "private network");
        ConfigLoader.Loaded allowed = load(gatehouse(options + "allow_private_network: true\n"));
        assertEquals(java.util.List.of(), allowed.problems());
        assertTrue(allowed.config().privateNetworkHosts().contains("10.0.0.5"));
    }

    private static String litellm(String params) {
        return "model_list:\n  - model_name: gemini-vertex\n    litellm_params:\n" + params.indent(6);
    }

    @Test
    void liteLlmsVertexEntries() {
        ConfigLoader.Loaded loaded = load(litellm("""
                model: vertex_ai/gemini-2.5-pro
                vertex_project: my-project-1
                vertex_location: us-east5
                vertex_credentials: os.environ/VERTEX_SA_KEY
                """));
        assertEquals(java.util.List.of(), loaded.problems());
        Deployment d = loaded.config().deployments().getFirst();
        assertEquals("vertex", d.provider());
        assertEquals("gemini-2.5-pro", d.upstreamModel());
        assertEquals(Map.of("project", "my-project-1", "location", "us-east5"), d.options());
        assertEquals(ENV.get("VERTEX_SA_KEY"), d.apiKey().reveal());
    }

    @Test
    void liteLlmsDefaultLocationIsSaid() {
        ConfigLoader.Loaded loaded = load(litellm("""
                model: vertex_ai/gemini-2.5-pro
                vertex_project: my-project-1
                vertex_credentials: os.environ/VERTEX_SA_KEY
                """));
        assertEquals("us-central1", loaded.config().deployments().getFirst().options().get("location"));
        assertWarning(loaded, "model_list[0].litellm_params.vertex_project", "us-central1");
    }

    @Test
    void aCredentialsPathInTheEnvironmentIsReadAsAFile() {
        ConfigLoader.Loaded loaded = load(litellm("""
                model: vertex_ai/gemini-2.5-pro
                vertex_project: my-project-1
                vertex_location: us-east5
                vertex_credentials: os.environ/VERTEX_KEY_PATH
                """));
        // The file does not exist here: the problem shows it was read as file:/etc/gatehouse/vertex.json.
        assertProblemAt(loaded, "model_list[0].litellm_params.vertex_credentials", "/etc/gatehouse/vertex.json");
    }

    @Test
    void claudeOnVertexIsProviderVertexAnthropic() {
        ConfigLoader.Loaded loaded = load(litellm("""
                model: vertex_ai/claude-sonnet-4-5@20250929
                vertex_project: my-project-1
                vertex_location: us-east5
                vertex_credentials: os.environ/VERTEX_SA_KEY
                """));
        assertEquals(java.util.List.of(), loaded.problems());
        Deployment d = loaded.config().deployments().getFirst();
        assertEquals("vertex_anthropic", d.provider());
        assertEquals("claude-sonnet-4-5@20250929", d.upstreamModel());
        assertEquals(Map.of("project", "my-project-1", "location", "us-east5"), d.options());
    }

    @Test
    void otherPublishersOnVertexAreNotSupportedYet() {
        assertProblemAt(load(litellm("""
                model: vertex_ai/meta/llama-4-maverick
                vertex_project: my-project-1
                vertex_credentials: os.environ/VERTEX_SA_KEY
                """)), "model_list[0].litellm_params.model", "only Gemini and Claude models on Vertex AI");
    }

    @Test
    void aVertexAnthropicDeploymentNeedsTheSameSettings() {
        assertProblemAt(load("models:\n  - name: c\n    provider: vertex_anthropic\n    model: claude-sonnet-4-5@20250929\n"
                + "    api_key: env:VERTEX_SA_KEY\n"), "models[0].options", "needs the option project");
    }

    @Test
    void applicationDefaultCredentialsAreNotUsed() {
        ConfigLoader.Loaded loaded = load(litellm("model: vertex_ai/gemini-2.5-pro\nvertex_project: my-project-1\n"));
        assertProblemAt(loaded, "model_list[0].litellm_params.vertex_credentials", "Application Default Credentials");
        assertFalse(loaded.ok());
    }

    @Test
    void vertexSettingsOnOtherProvidersAreProblems() {
        assertProblemAt(load(litellm("model: openai/gpt-4o\napi_key: os.environ/OPENAI_API_KEY\nvertex_project: p\n")),
                "model_list[0].litellm_params.vertex_project", "vertex_ai/ models only");
    }
}
