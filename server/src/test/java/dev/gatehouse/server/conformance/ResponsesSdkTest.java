package dev.gatehouse.server.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.RateLimitException;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseInputMessageItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.gatehouse.server.conformance.ResponsesUpstream.Tokens;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Gatehouse's Responses API driven by the official openai-java SDK's Responses client, as an
 * agent framework on the JVM drives it, in front of a translated provider (Anthropic). The
 * client validates every answer against the SDK's model of the API (required fields and their
 * types), so a Response object missing a field the reference requires fails here.
 */
class ResponsesSdkTest {

    private ResponsesUpstream upstream;
    private ResponsesGateway gateway;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        upstream = AnthropicResponsesConformanceTest.upstream();
        gateway = new ResponsesGateway(upstream.deployment(ResponsesGateway.MODEL));
        client = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.port() + "/v1")
                .apiKey(gateway.ownerKey).maxRetries(0).responseValidation(true).build();
    }

    @AfterEach
    void stop() {
        client.close();
        gateway.close();
        upstream.close();
    }

    private static ResponseCreateParams.Builder params(String input) {
        return ResponseCreateParams.builder().model(ResponsesGateway.MODEL).input(input);
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(message -> message.content().forEach(content ->
                    content.outputText().ifPresent(part -> text.append(part.text()))));
        }
        return text.toString();
    }

    @Test
    void createRetrieveListInputItemsAndDelete() {
        upstream.replyText("Hello there", new Tokens(12, 3));
        Response created = client.responses().create(params("Hi there, gateway").instructions("Be brief.").build());
        assertTrue(created.id().startsWith("resp_"), created.id());
        assertEquals("Hello there", text(created));
        assertEquals(12, created.usage().orElseThrow().inputTokens());
        assertEquals(3, created.usage().orElseThrow().outputTokens());

        Response retrieved = client.responses().retrieve(created.id());
        assertEquals(created.id(), retrieved.id());
        assertEquals("Hello there", text(retrieved));

        List<ResponseItem> items = client.responses().inputItems().list(created.id()).data();
        List<String> texts = new ArrayList<>();
        for (ResponseItem item : items) {
            item.responseInputMessageItem().map(ResponseInputMessageItem::content).orElse(List.of())
                    .forEach(content -> content.inputText().ifPresent(part -> texts.add(part.text())));
        }
        assertTrue(texts.contains("Hi there, gateway"), "the input items: " + items);

        client.responses().delete(created.id());
        assertThrows(NotFoundException.class, () -> client.responses().retrieve(created.id()));
        upstream.assertNoViolations();
    }

    @Test
    void createStreaming() {
        upstream.streamText(List.of("Hel", "lo", " there"), new Tokens(9, 3));
        StringBuilder deltas = new StringBuilder();
        List<ResponseStreamEvent> events = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(params("Hi").build())) {
            stream.stream().forEach(event -> {
                events.add(event);
                event.outputTextDelta().ifPresent(delta -> deltas.append(delta.delta()));
            });
        }
        assertEquals("Hello there", deltas.toString());
        assertTrue(events.getFirst().created().isPresent(), "response.created first");
        Response completed = events.getLast().completed().orElseThrow().response();
        assertEquals("Hello there", text(completed));
        assertEquals(3, completed.usage().orElseThrow().outputTokens());
        assertEquals("Hello there", text(client.responses().retrieve(completed.id())), "stored once complete");
    }

    @Test
    void previousResponseId() {
        upstream.replyText("Paris.", new Tokens(10, 2));
        Response first = client.responses().create(params("Name a city in France.").build());
        upstream.replyText("About two million.", new Tokens(20, 4));
        Response second = client.responses().create(params("And its population?").previousResponseId(first.id())
                .build());
        assertEquals(first.id(), second.previousResponseId().orElseThrow());
        assertEquals("About two million.", text(second));
        String sent = upstream.requests().getLast().bodyText();
        assertTrue(sent.contains("Name a city in France.") && sent.contains("Paris."), sent);
    }

    @Test
    void failuresAreTheSdksOwnExceptions() {
        assertThrows(NotFoundException.class, () -> client.responses().create(
                ResponseCreateParams.builder().model("nope").input("Hi").build()));
        BadRequestException bad = assertThrows(BadRequestException.class, () -> client.responses().create(
                params("Hi").temperature(7.0).build()));
        assertEquals("temperature", bad.param().orElse(""), bad.getMessage());
        upstream.replyError(ErrorKind.RATE_LIMITED);
        assertThrows(RateLimitException.class, () -> client.responses().create(params("Hi").build()));
        assertThrows(NotFoundException.class, () -> client.responses().retrieve("resp_doesnotexist0000"));
    }
}
