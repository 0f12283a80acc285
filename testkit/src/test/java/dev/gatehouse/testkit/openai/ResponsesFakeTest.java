package dev.gatehouse.testkit.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gatehouse.testkit.openai.FakeResponses.FunctionCall;
import dev.gatehouse.testkit.openai.FakeResponses.Reasoning;
import dev.gatehouse.testkit.openai.FakeResponses.Text;
import dev.gatehouse.testkit.openai.FakeResponses.Usage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fake refuses what OpenAI's Responses API refuses, with OpenAI's error body naming the
 * param, and answers with the documented Response object and event sequence
 * (API reference: "Create a model response" and "Streaming events").
 */
class ResponsesFakeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Usage USAGE = new Usage(12, 7, 3);

    private final FakeOpenAi fake = new FakeOpenAi();

    @AfterEach
    void close() {
        fake.close();
    }

    private HttpResponse<String> post(FakeOpenAi to, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(to.baseUrl() + path))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (to == fake) {
            request.header("authorization", "Bearer " + to.apiKey());
        } else {
            request.header("api-key", to.apiKey());
        }
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the fake did not answer", e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }

    @Test
    void answersAWholeResponseEchoingTheRequest() {
        fake.responses().reply(USAGE, new Reasoning("Thinking about it", "enc_1"), new Text("Hello"));
        HttpResponse<String> response = post(fake, "/responses", "{\"model\":\"gpt-5\",\"input\":\"Hi\","
                + "\"include\":[\"reasoning.encrypted_content\"],\"store\":false,\"instructions\":\"Be brief\"}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("response", body.path("object").asText());
        assertEquals("completed", body.path("status").asText());
        assertEquals("gpt-5", body.path("model").asText());
        assertEquals("Be brief", body.path("instructions").asText());
        assertFalse(body.path("store").asBoolean());
        assertEquals("reasoning", body.at("/output/0/type").asText());
        assertEquals("enc_1", body.at("/output/0/encrypted_content").asText());
        assertEquals("Hello", body.at("/output/1/content/0/text").asText());
        assertEquals(19, body.at("/usage/total_tokens").asInt());
        assertEquals(3, body.at("/usage/output_tokens_details/reasoning_tokens").asInt());
        fake.assertNoViolations();
    }

    @Test
    void encryptedReasoningOnlyWhenIncludeAsksForIt() {
        fake.responses().reply(USAGE, new Reasoning("Thinking", "enc_1"), new Text("Hello"));
        JsonNode body = json(post(fake, "/responses", "{\"model\":\"gpt-5\",\"input\":\"Hi\"}").body());
        assertFalse(body.at("/output/0").has("encrypted_content"), body.toString());
    }

    @Test
    void streamsTheDocumentedEventSequenceWithSequenceNumbers() {
        fake.responses().stream(USAGE, new Reasoning("Hmm", "enc_1"), new Text(List.of("Hel", "lo")),
                new FunctionCall("call_1", "get_weather", "{\"city\":\"Paris\"}"));
        HttpResponse<String> response = post(fake, "/responses", "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"stream\":true}");
        assertEquals("text/event-stream", response.headers().firstValue("content-type").orElse(""));
        List<String> types = new ArrayList<>();
        List<JsonNode> events = new ArrayList<>();
        for (String block : response.body().split("\n\n")) {
            String[] lines = block.split("\n");
            String name = lines[0].substring("event: ".length());
            JsonNode data = json(lines[1].substring("data: ".length()));
            assertEquals(name, data.path("type").asText());
            assertEquals(events.size(), data.path("sequence_number").asInt());
            types.add(name);
            events.add(data);
        }
        assertEquals(List.of("response.created", "response.in_progress",
                "response.output_item.added", "response.reasoning_summary_part.added",
                "response.reasoning_summary_text.delta", "response.reasoning_summary_text.done",
                "response.reasoning_summary_part.done", "response.output_item.done",
                "response.output_item.added", "response.content_part.added", "response.output_text.delta",
                "response.output_text.delta", "response.output_text.done", "response.content_part.done",
                "response.output_item.done",
                "response.output_item.added", "response.function_call_arguments.delta",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), types);
        JsonNode completed = events.getLast().path("response");
        assertEquals("Hello", completed.at("/output/1/content/0/text").asText());
        assertEquals("{\"city\":\"Paris\"}", completed.at("/output/2/arguments").asText());
        assertEquals(7, completed.at("/usage/output_tokens").asInt());
        assertFalse(response.body().contains("[DONE]"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"input\":\"Hi\"}|model|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"messages\":[]}|messages|unknown_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"temperature\":\"hot\"}|temperature|invalid_type",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"max_output_tokens\":5}|max_output_tokens|integer_below_min_value",
        "{\"model\":\"gpt-5\",\"input\":42}|input|invalid_type",
        "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"chat\"}]}|input[0].type|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":[{\"role\":\"tool\",\"content\":\"x\"}]}|input[0].role|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]}]}|input[0].content[0].type|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"function_call\",\"call_id\":\"c\",\"name\":\"f\"}]}|input[0].arguments|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"1\"}]}|input|",
        "{\"model\":\"gpt-5\",\"input\":[{\"type\":\"reasoning\",\"id\":\"rs_1\"}]}|input[0].summary|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}|tools[0].name|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"tools\":[{\"type\":\"spreadsheet\"}]}|tools[0].type|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"tools\":[{\"type\":\"namespace\",\"name\":\"n\",\"tools\":[{\"type\":\"function\"}]}]}|tools[0].name|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"tool_choice\":\"any\"}|tool_choice|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"x\"}}}|text.format.schema|missing_required_parameter",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"text\":{\"format\":{\"type\":\"yaml\"}}}|text.format.type|invalid_value",
        "{\"model\":\"gpt-5\",\"input\":\"Hi\",\"reasoning\":{\"effort\":\"max\"}}|reasoning.effort|invalid_value",
    })
    void refusesWhatTheApiRefusesNamingTheParam(String body, String param, String code) {
        HttpResponse<String> response = post(fake, "/responses", body);
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = json(response.body()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertEquals(param, error.path("param").asText(), response.body());
        assertEquals(code == null ? "" : code, error.path("code").asText(""), response.body());
        assertEquals(1, fake.violations().size());
    }

    @Test
    void takesWhatCodexSends() {
        // A namespace of function tools and client_metadata, which Codex sends to OpenAI's API.
        fake.responses().reply(USAGE, new Text("Hello"));
        HttpResponse<String> response = post(fake, "/responses", "{\"model\":\"gpt-5\",\"input\":\"Hi\","
                + "\"client_metadata\":{\"thread_id\":\"t1\"},\"tools\":[{\"type\":\"namespace\","
                + "\"name\":\"multi_agent_v1\",\"description\":\"Sub-agents\",\"tools\":[{\"type\":\"function\","
                + "\"name\":\"spawn_agent\",\"parameters\":{\"type\":\"object\"},\"strict\":false}]}]}");
        assertEquals(200, response.statusCode(), response.body());
        fake.assertNoViolations();
    }

    @Test
    void takesAToolRoundTripAndAFunctionCallOutputAfterAPreviousResponse() {
        fake.responses().reply(USAGE, new Text("Sunny"));
        fake.responses().reply(USAGE, new Text("Sunny"));
        String roundTrip = "{\"model\":\"gpt-5\",\"input\":[{\"role\":\"user\",\"content\":\"Weather?\"},"
                + "{\"type\":\"reasoning\",\"id\":\"rs_1\",\"summary\":[],\"encrypted_content\":\"enc\"},"
                + "{\"type\":\"function_call\",\"call_id\":\"call_1\",\"name\":\"get_weather\",\"arguments\":\"{}\"},"
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"sunny\"}],"
                + "\"tools\":[{\"type\":\"function\",\"name\":\"get_weather\",\"parameters\":{\"type\":\"object\"}},"
                + "{\"type\":\"web_search\"}],\"tool_choice\":{\"type\":\"function\",\"name\":\"get_weather\"},"
                + "\"text\":{\"format\":{\"type\":\"json_schema\",\"name\":\"w\",\"schema\":{\"type\":\"object\"}}}}";
        assertEquals(200, post(fake, "/responses", roundTrip).statusCode());
        String afterPrevious = "{\"model\":\"gpt-5\",\"previous_response_id\":\"resp_1\",\"input\":["
                + "{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"sunny\"}]}";
        assertEquals(200, post(fake, "/responses", afterPrevious).statusCode());
        fake.assertNoViolations();
    }

    @Test
    void aStreamCutMidwayEndsWithoutItsLastEvent() {
        fake.responses().streamThenDrop("Hel");
        HttpRequest request = HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/responses"))
                .header("content-type", "application/json").header("authorization", "Bearer " + fake.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-5\",\"input\":\"Hi\",\"stream\":true}"))
                .build();
        assertTrue(assertBroken(request), "the body breaks off");
    }

    private static boolean assertBroken(HttpRequest request) {
        try {
            CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return false;
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void azureTakesItsTwoResponsesAddressesAndNoOther() {
        try (FakeOpenAi azure = new FakeOpenAi(Dialect.AZURE)) {
            azure.responses().reply(USAGE, new Text("v1"));
            azure.responses().reply(USAGE, new Text("dated"));
            String body = "{\"model\":\"my-deployment\",\"input\":\"Hi\"}";
            assertEquals(200, post(azure, "/openai/v1/responses", body).statusCode());
            assertEquals(200, post(azure, "/openai/responses?api-version=2025-04-01-preview", body).statusCode());
            azure.assertNoViolations();
            assertEquals(404, post(azure, "/openai/responses", body).statusCode(), "no api-version");
            assertEquals(400, post(azure, "/openai/responses?api-version=2024-10-21", body).statusCode(),
                    "a version before the Responses API");
            assertEquals(404, post(azure, "/openai/deployments/my-deployment/responses?api-version=2025-04-01-preview",
                    body).statusCode());
        }
    }

    @Test
    void theCompatibleFamilyHasNoResponsesEndpoint() {
        try (FakeOpenAi xai = new FakeOpenAi(Dialect.XAI)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(xai.baseUrl() + "/responses"))
                    .header("content-type", "application/json").header("authorization", "Bearer " + xai.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"grok\",\"input\":\"Hi\"}")).build();
            try {
                assertEquals(404, CLIENT.send(request, HttpResponse.BodyHandlers.ofString()).statusCode());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
