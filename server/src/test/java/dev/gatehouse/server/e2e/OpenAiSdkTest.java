package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.PermissionDeniedException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionTool;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server driven by the official OpenAI Java SDK, as users drive it, for each provider
 * family behind it: chat, streaming, tools, JSON output, and errors as the SDK's own
 * exception types.
 */
class OpenAiSdkTest {

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

    private static ChatCompletionCreateParams.Builder ask(String model, String text) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "grok", "claude", "gemini"})
    void chat(String model) {
        fake(model).replyText("Hello from " + model, new FakeUsage(9, 4));
        ChatCompletion completion = client.chat().completions().create(ask(model, "Hi").build());
        fake(model).assertNoViolations();
        assertEquals("Hello from " + model, completion.choices().getFirst().message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().getFirst().finishReason());
        assertEquals(model, completion.model());
        assertEquals(9, completion.usage().orElseThrow().promptTokens());
        assertEquals(13, completion.usage().orElseThrow().totalTokens());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "grok", "claude", "gemini"})
    void streaming(String model) {
        fake(model).streamText(List.of("Hel", "lo", "!"), new FakeUsage(9, 3));
        StringBuilder text = new StringBuilder();
        List<ChatCompletionChunk> chunks = new ArrayList<>();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ask(model, "Hi").streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build())) {
            stream.stream().forEach(chunk -> {
                chunks.add(chunk);
                chunk.choices().forEach(c -> c.delta().content().ifPresent(text::append));
            });
        }
        fake(model).assertNoViolations();
        assertEquals("Hello!", text.toString());
        assertEquals(12, chunks.getLast().usage().orElseThrow().totalTokens(), "usage in the last chunk");
        assertTrue(chunks.stream().allMatch(c -> c.model().equals(model)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void tools(String model) {
        fake(model).replyToolCalls(List.of(new FakeToolCall("get_weather", "{\"city\":\"Paris\"}")), new FakeUsage(20, 8));
        FunctionParameters parameters = FunctionParameters.builder()
                .putAdditionalProperty("type", JsonValue.from("object"))
                .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                .build();
        ChatCompletionTool tool = ChatCompletionTool.ofFunction(ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder().name("get_weather").description("Weather in a city")
                        .parameters(parameters).build())
                .build());
        ChatCompletion completion = client.chat().completions().create(ask(model, "Weather in Paris?").addTool(tool).build());
        fake(model).assertNoViolations();
        ChatCompletionMessageFunctionToolCall call = completion.choices().getFirst().message().toolCalls().orElseThrow()
                .getFirst().function().orElseThrow();
        assertEquals("get_weather", call.function().name());
        assertTrue(call.function().arguments().replace(" ", "").contains("\"city\":\"Paris\""));
        assertEquals(ChatCompletion.Choice.FinishReason.TOOL_CALLS, completion.choices().getFirst().finishReason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void jsonOutput(String model) {
        fake(model).replyText("{\"answer\":42}", new FakeUsage(10, 5));
        ResponseFormatJsonSchema format = ResponseFormatJsonSchema.builder().jsonSchema(
                ResponseFormatJsonSchema.JsonSchema.builder().name("answer").strict(true)
                        .schema(ResponseFormatJsonSchema.JsonSchema.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of("answer", Map.of("type", "integer"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of("answer")))
                                .putAdditionalProperty("additionalProperties", JsonValue.from(false))
                                .build())
                        .build()).build();
        ChatCompletion completion = client.chat().completions().create(ask(model, "6 x 7?").responseFormat(format).build());
        fake(model).assertNoViolations();
        assertEquals("{\"answer\":42}", completion.choices().getFirst().message().content().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt", "claude", "gemini"})
    void errorsArriveAsTheSdksTypedExceptions(String model) {
        Map<ErrorKind, Class<? extends OpenAIServiceException>> expected = Map.of(
                ErrorKind.BAD_REQUEST, BadRequestException.class,
                ErrorKind.AUTHENTICATION, UnauthorizedException.class,
                ErrorKind.PERMISSION, PermissionDeniedException.class,
                ErrorKind.NOT_FOUND, NotFoundException.class,
                ErrorKind.RATE_LIMITED, RateLimitException.class,
                ErrorKind.CONTEXT_LENGTH, BadRequestException.class,
                ErrorKind.SERVER_ERROR, InternalServerException.class,
                ErrorKind.OVERLOADED, InternalServerException.class);
        for (ErrorKind kind : ErrorKind.values()) {
            fake(model).replyError(kind);
            OpenAIServiceException error = assertThrows(OpenAIServiceException.class,
                    () -> client.chat().completions().create(ask(model, "Hi").build()), kind.name());
            assertInstanceOf(expected.get(kind), error, kind.name());
            if (kind == ErrorKind.RATE_LIMITED) {
                assertEquals("7", error.headers().values("retry-after").getFirst());
            }
            if (kind == ErrorKind.CONTEXT_LENGTH) {
                assertEquals("context_length_exceeded", error.code().orElseThrow());
            }
            assertFalse(error.getMessage().contains(gateway.fake(model).apiKey()));
        }
    }

    @Test
    void anUnknownModelIsNotFound() {
        for (String model : List.of("gpt-5", "https://attacker.example/v1", "openai/gpt-4o", "anthropic/claude")) {
            NotFoundException error = assertThrows(NotFoundException.class,
                    () -> client.chat().completions().create(ask(model, "Hi").build()));
            assertEquals("model_not_found", error.code().orElseThrow());
        }
        assertTrue(gateway.nothingReachedAnUpstream());
    }

    @Test
    void theMockProviderAnswersWithoutAnyAccount() {
        ChatCompletion completion = client.chat().completions().create(ask("mock", "ping").build());
        assertEquals("Hello from Gatehouse's mock provider. You said: ping",
                completion.choices().getFirst().message().content().orElseThrow());
        assertEquals(List.of("gpt", "grok", "claude", "claude-translated", "gemini", "mock"),
                client.models().list().data().stream().map(m -> m.id()).toList());
    }
}
