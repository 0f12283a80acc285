package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a caller can make Gatehouse forward to an OpenAI-format upstream: only the fields the
 * member documents, no field that changes the price unless the deployment allows it, and image
 * URLs that are https: or data: (never a remote one to an upstream on the private network).
 * Every refusal is an OpenAI-format 400 naming the field, and nothing reaches the upstream.
 */
class ForwardedFieldsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final FakeOpenAi OPENAI = new FakeOpenAi();
    private static final FakeOpenAi LOCAL = new FakeOpenAi();
    private static TestStores.Started gateway;

    @BeforeAll
    static void start() {
        gateway = TestStores.start(new GatehouseConfig(onAnyPort(), List.of(
                Deployment.builder("gpt", "openai").upstreamModel("gpt-4o").baseUrl(OPENAI.baseUrl())
                        .apiKey(Secret.of(OPENAI.apiKey())).build(),
                Deployment.builder("gpt-priority", "openai").upstreamModel("gpt-4o").baseUrl(OPENAI.baseUrl())
                        .apiKey(Secret.of(OPENAI.apiKey())).allowPriceFields(Set.of("service_tier")).build(),
                // A self-hosted server on the private network that drops what it does not take.
                Deployment.builder("local", "vllm").upstreamModel("llama").baseUrl(LOCAL.baseUrl())
                        .apiKey(Secret.of(LOCAL.apiKey())).dropParams(true).privateNetwork(true).build()),
                Set.of("127.0.0.1")).withRouting(TestStores.ONE_ATTEMPT));
    }

    private static ServerSettings onAnyPort() {
        ServerSettings d = ServerSettings.defaults();
        return new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(), d.maxMessages(), d.maxHeaderBytes(),
                d.drainTimeout());
    }

    /** Requests the fakes have received so far. */
    private static int upstreamRequests() {
        return OPENAI.requests().size() + LOCAL.requests().size();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        OPENAI.close();
        LOCAL.close();
    }

    private static HttpResponse<String> chat(String body) throws Exception {
        return chat(gateway.apiKey(), body);
    }

    private static HttpResponse<String> chat(String key, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.gatehouse().port()
                        + "/v1/chat/completions"))
                .header("authorization", "Bearer " + key).header("content-type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"')))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = Json.parseUpstream(response.body(), "test").get("error");
        assertTrue(error.get("message").isTextual() && error.has("type") && error.has("param"), response.body());
        return error;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "gpt   | 'service_tier':'priority'                                   | service_tier",
        "gpt   | 'web_search_options':{}                                     | web_search_options",
        "gpt   | 'chat_template':'{% for x in range(99999999) %}{% endfor %}' | chat_template",
        "gpt   | 'data_sources':[{'type':'azure_search'}]                    | data_sources",
        "gpt   | 'models':['openai/o1-pro'],'plugins':[{'id':'web'}]         | models",
        "gpt   | 'modalities':['text','audio'],'audio':{'voice':'alloy','format':'wav'} | audio",
    })
    void refusesFieldsTheUpstreamDoesNotDocumentOrThatChangeThePrice(String model, String fields, String param)
            throws Exception {
        int before = upstreamRequests();
        JsonNode error = error(chat("{'model':'" + model + "','messages':[{'role':'user','content':'Hi'}]," + fields
                + "}"));
        assertEquals(param, error.get("param").asText());
        assertEquals(before, upstreamRequests(), "nothing reached an upstream");
    }

    /**
     * A field the model's deployments refuse is refused before admission: it takes nothing of the
     * key's limits, and no deployment is named as tried (it used to be refused inside the routed
     * attempt, after the request had counted against the key's requests per minute).
     */
    @Test
    void aRefusedFieldTakesNothingOfTheKeysLimits() throws Exception {
        String key = gateway.gatehouse().control().keys().createKey(new KeyDraft("one a minute", null, List.of("*"),
                Set.of(), List.of(), null, new Limits(null, null, null, null, 1, null, null), Json.object()),
                Actor.CLI).secret();
        int before = upstreamRequests();
        HttpResponse<String> refused = chat(key, "{'model':'gpt','messages':[{'role':'user','content':'Hi'}],"
                + "'chat_template':'{{ x }}'}");
        assertEquals("chat_template", error(refused).get("param").asText());
        assertTrue(refused.headers().firstValue("x-gatehouse-attempts").isEmpty(), refused.headers().map().toString());
        assertEquals(before, upstreamRequests());
        OPENAI.replyText("Hello", new FakeUsage(3, 1));
        HttpResponse<String> served = chat(key, "{'model':'gpt','messages':[{'role':'user','content':'Hi'}]}");
        assertEquals(200, served.statusCode(), "the key's one request a minute is still there: " + served.body());
    }

    @Test
    void aDeploymentThatAllowsAPriceFieldPassesIt() throws Exception {
        OPENAI.replyText("Hello", new FakeUsage(3, 1));
        HttpResponse<String> response = chat("{'model':'gpt-priority','messages':[{'role':'user','content':'Hi'}],"
                + "'service_tier':'priority'}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("priority", OPENAI.lastRequest().json().get("service_tier").asText());
    }

    @Test
    void fieldsDroppedUnderDropParamsAreNamedInTheResponse() throws Exception {
        LOCAL.replyText("Hello", new FakeUsage(3, 1));
        HttpResponse<String> response = chat("{'model':'local','messages':[{'role':'user','content':'Hi'}],"
                + "'chat_template':'{{ 7*7 }}','chat_template_kwargs':{'x':1},'logprobs':true}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("chat_template, chat_template_kwargs", response.headers().firstValue("x-gatehouse-dropped")
                .orElseThrow());
        JsonNode sent = LOCAL.lastRequest().json();
        assertFalse(sent.has("chat_template") || sent.has("chat_template_kwargs"), sent.toString());
        assertTrue(sent.get("logprobs").asBoolean());
    }

    @Test
    void aFieldInsideAMessageIsRefusedNamingItsPath() throws Exception {
        JsonNode error = error(chat("{'model':'gpt','messages':[{'role':'user','content':'Hi','foo':1}]}"));
        assertEquals("messages[0].foo", error.get("param").asText());
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "gpt, http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "gpt, file:///etc/passwd",
        "local, gopher://127.0.0.1:6379/_FLUSHALL",
        "local, https://images.example.com/cat.png",
    })
    void imageUrlsReachNoUpstreamThatWouldFetchThemWhereTheCallerChooses(String model, String url) throws Exception {
        int before = upstreamRequests();
        JsonNode error = error(chat("{'model':'" + model + "','messages':[{'role':'user','content':[{'type':'text',"
                + "'text':'What is this?'},{'type':'image_url','image_url':{'url':'" + url + "'}}]}]}"));
        assertEquals("messages[0].content[1].image_url.url", error.get("param").asText());
        assertEquals(before, upstreamRequests(), "nothing reached an upstream");
    }
}
