package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionChoice;
import com.openai.models.completions.CompletionCreateParams;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /v1/completions} through the official OpenAI Java SDK's completions client, on every
 * provider family, whole and streamed; and what a chat model can not answer faithfully refused by
 * name before anything reaches an upstream.
 */
class CompletionsRouteTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = new RunningGateway();
        client = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl().toString()).apiKey(gateway.apiKey)
                .maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static ScriptableFake fake(String model) {
        return (ScriptableFake) gateway.fake(model);
    }

    private static CompletionCreateParams.Builder complete(String model, String prompt) {
        return CompletionCreateParams.builder().model(model).prompt(prompt);
    }

    private static HttpResponse<String> post(String body, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"'))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude-translated", "gemini"})
    void aPromptIsAnsweredAsATextCompletion(String model) {
        fake(model).replyText(" blue.", new FakeUsage(7, 2));
        Completion completion = client.completions().create(complete(model, "The sky is").temperature(0.2).build());
        fake(model).assertNoViolations();
        assertEquals(" blue.", completion.choices().getFirst().text());
        assertEquals(CompletionChoice.FinishReason.STOP, completion.choices().getFirst().finishReason());
        assertEquals(model, completion.model());
        assertEquals(7, completion.usage().orElseThrow().promptTokens());
        assertEquals(9, completion.usage().orElseThrow().totalTokens());
        assertEquals("text_completion", completion._object_().asString().orElseThrow());
    }

    @Test
    void thePromptReachesTheUpstreamAsOneUserMessageWithOpenAisDefaultMaximum() {
        fake("gpt").replyText("ok", new FakeUsage(3, 1));
        client.completions().create(complete("gpt", "Say ok").stop("\n").seed(7).user("u-1").build());
        JsonNode sent = gateway.openai.requests().getLast().json();
        assertEquals("/v1/chat/completions", gateway.openai.requests().getLast().pathOnly());
        assertEquals(1, sent.path("messages").size());
        assertEquals("user", sent.path("messages").get(0).path("role").asText());
        assertEquals("Say ok", sent.path("messages").get(0).path("content").asText());
        assertEquals(16, sent.path("max_tokens").asInt(), "OpenAI's default for a completion");
        assertEquals(7, sent.path("seed").asInt());
        assertEquals("u-1", sent.path("user").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude-translated", "gemini"})
    void aStreamIsTextCompletionChunksEndingInDone(String model) {
        fake(model).streamText(List.of("Hel", "lo", "!"), new FakeUsage(5, 3));
        StringBuilder text = new StringBuilder();
        List<Completion> chunks = new ArrayList<>();
        try (StreamResponse<Completion> stream = client.completions().createStreaming(complete(model, "Greet")
                .streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions.builder()
                        .includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> text.append(c.text()));
            });
        }
        fake(model).assertNoViolations();
        assertEquals("Hello!", text.toString());
        assertEquals(8, chunks.getLast().usage().orElseThrow().totalTokens(), "usage in the last chunk");
        assertTrue(chunks.stream().allMatch(c -> c.model().equals(model)));
        List<CompletionChoice> choices = chunks.stream().flatMap(c -> c.choices().stream()).toList();
        assertEquals(CompletionChoice.FinishReason.STOP, choices.getLast().finishReason(),
                "the last text chunk says why it stopped");
    }

    @Test
    void aStreamEndsInDoneAndHasNoUsageUnlessAsked() throws Exception {
        fake("gpt").streamText(List.of("a", "b"), new FakeUsage(2, 2));
        HttpResponse<String> response = post("{'model':'gpt','prompt':'x','stream':true}", gateway.apiKey);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().strip().endsWith("data: [DONE]"), response.body());
        assertTrue(response.body().contains("\"object\":\"text_completion\""));
        assertFalse(response.body().contains("\"usage\":{"), "not asked for");
    }

    @Test
    void aListOfOnePromptIsThatPrompt() throws Exception {
        fake("gpt").replyText("fine", new FakeUsage(2, 1));
        HttpResponse<String> response = post("{'model':'gpt','prompt':['How are you?']}", gateway.apiKey);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("How are you?", gateway.openai.requests().getLast().json().path("messages").get(0)
                .path("content").asText());
    }

    @Test
    void whatAChatModelCanNotAnswerFaithfullyIsRefusedByName() throws Exception {
        int before = gateway.openai.requests().size();
        String[][] refused = {
            {"{'model':'gpt','prompt':'a','echo':true}", "echo"},
            {"{'model':'gpt','prompt':'a','logprobs':2}", "logprobs"},
            {"{'model':'gpt','prompt':'a','suffix':'end'}", "suffix"},
            {"{'model':'gpt','prompt':'a','best_of':3}", "best_of"},
            {"{'model':'gpt','prompt':[1,2,3]}", "prompt"},
            {"{'model':'gpt','prompt':[[1,2],[3]]}", "prompt"},
            {"{'model':'gpt','prompt':['one','two']}", "prompt"},
            {"{'model':'gpt','prompt':''}", "prompt"},
            {"{'model':'gpt'}", "prompt"},
            {"{'model':'gpt','prompt':'a','messages':[]}", "messages"},
            {"{'model':'gpt','prompt':'a','temperature':3}", "temperature"},
            {"{'model':'gpt','prompt':'a','max_tokens':0}", "max_tokens"},
        };
        for (String[] each : refused) {
            HttpResponse<String> response = post(each[0], gateway.apiKey);
            assertEquals(400, response.statusCode(), each[0] + ": " + response.body());
            JsonNode error = Json.parseUpstream(response.body(), "test").path("error");
            assertEquals(each[1], error.path("param").asText(), each[0] + ": " + response.body());
            assertEquals("invalid_request_error", error.path("type").asText());
        }
        assertEquals(before, gateway.openai.requests().size(), "nothing refused reached the upstream");
        BadRequestException sdk = assertThrows(BadRequestException.class,
                () -> client.completions().create(complete("gpt", "a").echo(true).build()));
        assertTrue(sdk.getMessage().contains("echo"), sdk.getMessage());
    }

    @Test
    void theDefaultsOfTheUntranslatableFieldsAreAccepted() throws Exception {
        fake("gpt").replyText("ok", new FakeUsage(2, 1));
        HttpResponse<String> response = post("{'model':'gpt','prompt':'a','echo':false,'logprobs':null,"
                + "'suffix':null,'best_of':1,'presence_penalty':0.5,'frequency_penalty':0.1}", gateway.apiKey);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode sent = gateway.openai.requests().getLast().json();
        assertEquals(0.5, sent.path("presence_penalty").asDouble());
        assertFalse(sent.has("echo") || sent.has("best_of") || sent.has("suffix"));
    }

    @Test
    void aCompletionIsOneSpendRowAsAChatIs() throws Exception {
        fake("gpt").replyText("ok", new FakeUsage(11, 3));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/completions"))
                .header("content-type", "application/json").header("authorization", "Bearer " + gateway.apiKey)
                .header("x-request-id", "completion-spend-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt\",\"prompt\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("gpt#1", response.headers().firstValue("x-gatehouse-deployment").orElseThrow(), "routed as chat");
        Database database = gateway.gatehouse.control().database();
        String row = "SELECT route, model, upstream_model, prompt_tokens, completion_tokens, status FROM spend_log"
                + " WHERE request_id = ?";
        Await.until(() -> database.queryOne(row, r -> 1, "completion-spend-1").isPresent(), "the spend row");
        assertEquals(List.of("completions", "gpt", "gpt-4o", "11", "3", "200"), database.queryOne(row,
                r -> List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                        r.getString(6)), "completion-spend-1").orElseThrow());
    }

    @Test
    void aKeyNeedsTheCompletionsEndpoint() {
        String chatOnly = gateway.gatehouse.control().keys().createKey(new KeyDraft("chat-only", null, List.of("*"),
                Set.of(Endpoint.CHAT), List.of(), null, Limits.NONE, Json.object()),
                new Actor("admin:test", "127.0.0.1")).secret();
        OpenAIClient scoped = OpenAIOkHttpClient.builder().baseUrl(gateway.baseUrl().toString()).apiKey(chatOnly)
                .maxRetries(0).build();
        try {
            PermissionDeniedException refused = assertThrows(PermissionDeniedException.class,
                    () -> scoped.completions().create(complete("mock", "hi").build()));
            assertTrue(refused.getMessage().contains("completions"), refused.getMessage());
        } finally {
            scoped.close();
        }
    }
}
