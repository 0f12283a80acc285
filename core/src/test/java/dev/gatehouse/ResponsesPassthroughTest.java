package dev.gatehouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.openai.OpenAiDescriptor;
import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses.FunctionCall;
import dev.gatehouse.testkit.openai.FakeResponses.Reasoning;
import dev.gatehouse.testkit.openai.FakeResponses.Text;
import dev.gatehouse.testkit.openai.FakeResponses.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's Responses API sent as written to OpenAI and Azure OpenAI deployments, against the strict
 * fake: whole and streamed, the public model named in the answer, retries before the first event,
 * fallbacks, upstream errors, and the option that turns the path off.
 */
class ResponsesPassthroughTest {

    private static final Usage USAGE = new Usage(20, 9, 4);

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final FakeOpenAi azure = new FakeOpenAi(Dialect.AZURE);

    @AfterEach
    void close() {
        openAi.close();
        azure.close();
    }

    private Deployment.Builder onOpenAi(String model) {
        return Deployment.builder(model, "openai").upstreamModel("gpt-5-codex").baseUrl(openAi.baseUrl())
                .apiKey(Secret.of(openAi.apiKey()));
    }

    private Deployment.Builder onAzure(String model, Map<String, String> options) {
        return Deployment.builder(model, "azure").upstreamModel("codex-prod").baseUrl(azure.baseUrl())
                .apiKey(Secret.of(azure.apiKey())).options(options);
    }

    private static Gateway gateway(int retries, Fallbacks fallbacks, Deployment... deployments) {
        return Gateway.builder().deployments(List.of(deployments))
                .routing(RoutingSettings.DEFAULTS.withRetries(retries)).fallbacks(fallbacks)
                .sleeper(duration -> { }).build();
    }

    private static Gateway gateway(Deployment... deployments) {
        return gateway(0, Fallbacks.NONE, deployments);
    }

    private static ObjectNode request(String model) {
        ObjectNode body = Json.object().put("model", model).put("input", "Read notes.txt").put("store", false);
        body.putArray("include").add("reasoning.encrypted_content");
        body.putObject("reasoning").put("effort", "high");
        body.putArray("tools").addObject().put("type", "function").put("name", "read_file")
                .putObject("parameters").put("type", "object");
        return body;
    }

    private static List<JsonNode> drain(EventStream<ServerSentEvent> events) {
        List<JsonNode> all = new ArrayList<>();
        try (events) {
            while (events.hasNext()) {
                ServerSentEvent event = events.next();
                JsonNode data = Json.parseUpstream(event.data(), "test");
                assertEquals(event.name(), data.path("type").asText());
                all.add(data);
            }
        }
        return all;
    }

    @Test
    void aWholeResponseOnOpenAiKeepsReasoningAndUsageAndNamesThePublicModel() {
        openAi.responses().reply(USAGE, new Reasoning("Look at the file first", "enc_abc"),
                new FunctionCall("call_1", "read_file", "{\"path\":\"notes.txt\"}"));
        ObjectNode body = request("coder");
        Gateway gateway = gateway(onOpenAi("coder").build());
        assertTrue(gateway.speaksOpenAiResponses("coder"));

        JsonNode response = gateway.call(RequestContext.start()).openAiResponse(body);

        assertEquals("coder", response.path("model").asText());
        assertEquals("enc_abc", response.at("/output/0/encrypted_content").asText());
        assertEquals("read_file", response.at("/output/1/name").asText());
        assertEquals(4, response.at("/usage/output_tokens_details/reasoning_tokens").asInt());
        assertEquals(29, response.at("/usage/total_tokens").asInt());
        RecordedRequest sent = openAi.lastRequest();
        assertEquals("/v1/responses", sent.pathOnly());
        assertEquals("Bearer " + openAi.apiKey(), sent.header("authorization").orElse(""));
        assertEquals("gpt-5-codex", sent.json().path("model").asText());
        assertFalse(sent.json().has("stream"));
        assertEquals("high", sent.json().at("/reasoning/effort").asText(), "the caller's fields reach the upstream");
        assertEquals("coder", body.path("model").asText(), "the caller's body is unchanged");
        openAi.assertNoViolations();
    }

    @Test
    void aStreamedResponseRelaysEveryEventInOrderAndRenamesTheModelInEachResponse() {
        openAi.responses().stream(USAGE, new Reasoning("Plan", "enc_abc"), new Text(List.of("Hel", "lo")));
        EventStream<ServerSentEvent> stream = gateway(onOpenAi("coder").build()).call(RequestContext.start())
                .openAiResponseStream(request("coder"));

        List<JsonNode> events = drain(stream);

        for (int i = 0; i < events.size(); i++) {
            assertEquals(i, events.get(i).path("sequence_number").asInt());
        }
        assertEquals("response.created", events.getFirst().path("type").asText());
        JsonNode completed = events.getLast();
        assertEquals("response.completed", completed.path("type").asText());
        for (JsonNode event : events) {
            if (event.has("response")) {
                assertEquals("coder", event.at("/response/model").asText(), event.toString());
            }
        }
        assertEquals(9, completed.at("/response/usage/output_tokens").asInt(), "the usage reaches the caller");
        assertEquals("Hello", completed.at("/response/output/1/content/0/text").asText());
        assertTrue(openAi.lastRequest().json().path("stream").asBoolean());
        assertEquals("text/event-stream", openAi.lastRequest().header("accept").orElse(""));
        openAi.assertNoViolations();
    }

    @Test
    void azureV1TakesTheRequestAtItsV1AddressWithTheDeploymentAsModel() {
        azure.responses().reply(USAGE, new Text("Done"));
        JsonNode response = gateway(onAzure("coder", Map.of()).build()).call(RequestContext.start())
                .openAiResponse(request("coder"));
        assertEquals("coder", response.path("model").asText());
        RecordedRequest sent = azure.lastRequest();
        assertEquals("/openai/v1/responses", sent.path());
        assertEquals(azure.apiKey(), sent.header("api-key").orElse(""));
        assertEquals("codex-prod", sent.json().path("model").asText());
        azure.assertNoViolations();
    }

    @Test
    void azureWithAnApiVersionStreamsFromTheDatedAddress() {
        azure.responses().stream(USAGE, new Text("Done"));
        List<JsonNode> events = drain(gateway(onAzure("coder", Map.of("api_version", "2025-04-01-preview")).build())
                .call(RequestContext.start()).openAiResponseStream(request("coder")));
        assertEquals("coder", events.getLast().at("/response/model").asText());
        assertEquals("/openai/responses?api-version=2025-04-01-preview", azure.lastRequest().path());
        azure.assertNoViolations();
    }

    @Test
    void aFailureBeforeTheFirstEventIsRetried() {
        openAi.replyError(ErrorKind.SERVER_ERROR);
        openAi.responses().stream(USAGE, new Text("ok"));
        RequestContext context = RequestContext.start();
        List<JsonNode> events = drain(gateway(1, Fallbacks.NONE, onOpenAi("coder").build()).call(context)
                .openAiResponseStream(request("coder")));
        assertEquals("response.completed", events.getLast().path("type").asText());
        assertEquals(2, context.trace().attempts());
        assertEquals(2, openAi.requestCount());
    }

    @Test
    void aFailingModelFallsBackToAnotherNativeDeployment() {
        openAi.replyError(ErrorKind.OVERLOADED);
        azure.responses().reply(USAGE, new Text("from Azure"));
        RequestContext context = RequestContext.start();
        JsonNode response = gateway(0, new Fallbacks(Map.of("coder", List.of("coder-azure")), Map.of(), Map.of()),
                onOpenAi("coder").build(), onAzure("coder-azure", Map.of()).build())
                .call(context).openAiResponse(request("coder"));
        assertEquals("coder-azure", response.path("model").asText());
        assertEquals("coder-azure", context.trace().fallback());
        assertEquals("codex-prod", azure.lastRequest().json().path("model").asText());
    }

    @Test
    void aFallbackThatDoesNotSpeakTheResponsesApiIsA400NamingIt() {
        openAi.replyError(ErrorKind.OVERLOADED);
        try (FakeOpenAi vllm = new FakeOpenAi(Dialect.OLLAMA)) {
            Gateway gateway = gateway(0, new Fallbacks(Map.of("coder", List.of("local")), Map.of(), Map.of()),
                    onOpenAi("coder").build(),
                    Deployment.builder("local", "vllm").baseUrl(vllm.baseUrl()).apiKey(Secret.of("k")).build());
            GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                    () -> gateway.call(RequestContext.start()).openAiResponse(request("coder")));
            assertTrue(refused.getMessage().contains("'local'"), refused.getMessage());
            assertEquals("model", refused.param());
            assertEquals(0, vllm.requestCount(), "nothing reached the fallback");
        }
    }

    @Test
    void upstreamErrorsAreMappedAsChatErrorsAre() {
        openAi.replyError(ErrorKind.RATE_LIMITED);
        Gateway gateway = gateway(onOpenAi("coder").build());
        GatewayException.RateLimited limited = assertThrows(GatewayException.RateLimited.class,
                () -> gateway.call(RequestContext.start()).openAiResponse(request("coder")));
        assertTrue(limited.getMessage().startsWith("OpenAI is rate limiting requests"), limited.getMessage());

        ObjectNode unknown = request("coder").put("temperature", "hot");
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> gateway.call(RequestContext.start()).openAiResponseStream(unknown));
        assertEquals("temperature", refused.param(), "OpenAI's error names the field");
        assertEquals(List.of("Invalid type for 'temperature': expected a decimal, but got string instead."),
                openAi.violations());
    }

    @Test
    void aStreamCutMidwayFailsTheCallerAfterItsFirstEvents() {
        openAi.responses().streamThenDrop("Hel");
        RequestContext context = RequestContext.start();
        EventStream<ServerSentEvent> events = gateway(1, Fallbacks.NONE, onOpenAi("coder").build()).call(context)
                .openAiResponseStream(request("coder"));
        List<String> seen = new ArrayList<>();
        GatewayException broken = assertThrows(GatewayException.class, () -> {
            try (events) {
                while (events.hasNext()) {
                    seen.add(events.next().name());
                }
            }
        });
        assertInstanceOf(GatewayException.TransportFailure.class, broken);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta"), seen);
        assertEquals(1, openAi.requestCount(), "a failure midway is not retried");
    }

    @Test
    void aFailedResponseEndsTheStreamAsTheUpstreamSentIt() {
        openAi.responses().streamThenFail("The model crashed");
        List<JsonNode> events = drain(gateway(onOpenAi("coder").build()).call(RequestContext.start())
                .openAiResponseStream(request("coder")));
        JsonNode failed = events.getLast();
        assertEquals("response.failed", failed.path("type").asText());
        assertEquals("coder", failed.at("/response/model").asText());
        assertEquals("server_error", failed.at("/response/error/code").asText());
    }

    @Test
    void onlyOpenAiAndAzureSpeakItAndTheOptionTurnsItOff() {
        Deployment off = onAzure("azure-off", Map.of("native_responses", "false")).build();
        Deployment compatible = Deployment.builder("grok", "xai").apiKey(Secret.of("k")).build();
        Gateway gateway = gateway(onOpenAi("coder").build(), onAzure("on-azure", Map.of()).build(), off, compatible,
                onOpenAi("mixed").build(), onAzure("mixed", Map.of("native_responses", "false")).build());
        assertTrue(gateway.speaksOpenAiResponses("coder"));
        assertTrue(gateway.speaksOpenAiResponses("on-azure"));
        assertFalse(gateway.speaksOpenAiResponses("azure-off"));
        assertFalse(gateway.speaksOpenAiResponses("grok"), "the compatible family is translated");
        assertFalse(gateway.speaksOpenAiResponses("mixed"), "every deployment of the model must speak it");
        assertFalse(gateway.speaksOpenAiResponses("unknown"));
    }

    @Test
    void theOptionMustBeTrueOrFalseOnOpenAiAndAzure() {
        var check = OpenAiDescriptor.DESCRIPTOR.options();
        var typo = new OptionCheck.Written(Set.of("options"),
                Map.of("native_responses", "no"), null);
        assertEquals(List.of(new OptionCheck.Problem("options.native_responses",
                "'no' is not true or false")), check.check("openai", typo));
        assertEquals(List.of(), check.check("openai", new OptionCheck.Written(
                Set.of("options"), Map.of("native_responses", "false"), null)));
    }

    @Test
    void anErrorEventEndsTheStreamAndPassesThrough() {
        openAi.responses().streamThenError("server_error", "The server had an error", "Hel");
        List<JsonNode> events = drain(gateway(onOpenAi("coder").build()).call(RequestContext.start())
                .openAiResponseStream(request("coder")));
        assertEquals("error", events.getLast().path("type").asText());
        assertEquals("server_error", events.getLast().path("code").asText());
    }

    @Test
    void eventsWithoutEventLinesAreRelayedAndStillRenamed() {
        openAi.responses().streamWithoutEventNames(USAGE, "Hello");
        List<String> types = new ArrayList<>();
        List<JsonNode> responses = new ArrayList<>();
        try (EventStream<ServerSentEvent> events = gateway(onOpenAi("coder").build()).call(RequestContext.start())
                .openAiResponseStream(request("coder"))) {
            while (events.hasNext()) {
                ServerSentEvent event = events.next();
                assertNull(event.name());
                JsonNode data = Json.parseUpstream(event.data(), "test");
                types.add(data.path("type").asText());
                if (data.has("response")) {
                    responses.add(data.path("response"));
                }
            }
        }
        assertEquals("response.completed", types.getLast());
        assertEquals(3, responses.size());
        responses.forEach(response -> assertEquals("coder", response.path("model").asText()));
    }
}
