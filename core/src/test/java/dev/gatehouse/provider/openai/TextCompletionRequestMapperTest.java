package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The body of OpenAI's {@code POST /v1/completions} from a chat request, against the API reference's
 * example request (https://platform.openai.com/docs/api-reference/completions/create:
 * {@code {"model":"gpt-3.5-turbo-instruct","prompt":"Say this is a test","max_tokens":7,"temperature":0}}).
 */
class TextCompletionRequestMapperTest {

    private static final String MODEL = "gpt-3.5-turbo-instruct";

    private static Deployment deployment(boolean dropParams) {
        return Deployment.builder("instruct", TextCompletionProvider.ID).upstreamModel(MODEL).dropParams(dropParams)
                .build();
    }

    private static ChatRequest.Builder request(Message... messages) {
        return ChatRequest.builder(MODEL).messages(List.of(messages));
    }

    @Test
    void theDocumentedExampleIsSentAsWritten() {
        ObjectNode body = TextCompletionRequestMapper.toCompletion(request(Message.User.of("Say this is a test"))
                .maxTokens(7).temperature(0.0).build(), deployment(false));
        assertEquals(Json.parseUpstream("{\"model\":\"gpt-3.5-turbo-instruct\",\"prompt\":\"Say this is a test\","
                + "\"max_tokens\":7,\"temperature\":0.0}", "test"), body);
    }

    @Test
    void sharedParametersPassUnderTheirNames() {
        ObjectNode body = TextCompletionRequestMapper.toCompletion(request(Message.User.of("Hi"))
                .maxCompletionTokens(30).topP(0.5).n(2).stop(List.of("\n", "END")).seed(7L).user("u-1")
                .extension("presence_penalty", Json.mapper().getNodeFactory().numberNode(0.5))
                .extension("logit_bias", Json.object().put("50256", -100)).build(), deployment(false));
        assertEquals(30, body.get("max_tokens").asInt(), "max_completion_tokens is the Completions API's max_tokens");
        assertEquals(0.5, body.get("top_p").asDouble());
        assertEquals(2, body.get("n").asInt());
        assertEquals("[\"\\n\",\"END\"]", body.get("stop").toString());
        assertEquals(7, body.get("seed").asLong());
        assertEquals("u-1", body.get("user").asText());
        assertEquals(0.5, body.get("presence_penalty").asDouble());
        assertEquals(-100, body.get("logit_bias").get("50256").asInt());
        assertFalse(body.has("stream"), "not streamed");
    }

    @Test
    void theDeploymentsDefaultLimitAppliesWhenTheCallerGivesNone() {
        Deployment withDefault = Deployment.builder("instruct", TextCompletionProvider.ID).upstreamModel(MODEL)
                .defaultMaxTokens(256).build();
        assertEquals(256, TextCompletionRequestMapper.toCompletion(request(Message.User.of("Hi")).build(), withDefault)
                .get("max_tokens").asInt());
        assertFalse(TextCompletionRequestMapper.toCompletion(request(Message.User.of("Hi")).build(), deployment(false))
                .has("max_tokens"), "without either, the upstream's default applies");
    }

    @Test
    void aStreamAlwaysAsksForUsage() {
        ObjectNode body = TextCompletionRequestMapper.toCompletion(request(Message.User.of("Hi")).stream(true).build(),
                deployment(false));
        assertTrue(body.get("stream").asBoolean());
        assertTrue(body.get("stream_options").get("include_usage").asBoolean());
    }

    @Test
    void oneUserMessageIsThePromptExactly() {
        String prompt = "  Write a tagline for an ice cream shop.\n";
        assertEquals(prompt, TextCompletionRequestMapper.toCompletion(request(Message.User.of(prompt)).build(),
                deployment(false)).get("prompt").asText());
    }

    @Test
    void aConversationIsOneTranscriptEndingWithTheAssistantsCue() {
        String prompt = TextCompletionRequestMapper.toCompletion(request(
                new Message.System("Answer briefly.", null),
                new Message.Developer("Use French.", null),
                Message.User.of("Name a city."),
                Message.Assistant.of("Which country?"),
                Message.User.of("France.")).build(), deployment(false)).get("prompt").asText();
        assertEquals("System: Answer briefly.\n\nSystem: Use French.\n\nUser: Name a city.\n\nAssistant: Which country?"
                + "\n\nUser: France.\n\nAssistant:", prompt);
    }

    @Test
    void aLastAssistantMessageIsContinued() {
        String prompt = TextCompletionRequestMapper.toCompletion(request(Message.User.of("Count to three."),
                Message.Assistant.of("One, two,")).build(), deployment(false)).get("prompt").asText();
        assertEquals("User: Count to three.\n\nAssistant: One, two,", prompt);
    }

    @Test
    void toolsJsonAndImagesAreRefusedWhateverDropParamsSays() {
        Tool tool = new Tool("get_weather", null, Json.object(), null);
        ChatRequest withTools = request(Message.User.of("Weather?")).tools(List.of(tool)).build();
        ChatRequest json = request(Message.User.of("Hi")).responseFormat(new ResponseFormat.JsonObject()).build();
        ChatRequest image = request(new Message.User(List.of(new ContentPart.Text("What is this?"),
                new ContentPart.Image("https://example.com/a.png", null)), null)).build();
        ChatRequest toolResult = request(Message.User.of("Weather?"),
                new Message.Assistant(null, List.of(new ToolCall("c1", "get_weather", "{}")), null, null, null),
                new Message.Tool("c1", "{\"temp\":18}")).build();
        for (boolean drop : new boolean[] {false, true}) {
            assertEquals("tools", refused(withTools, drop).param());
            assertEquals("response_format", refused(json, drop).param());
            assertEquals("messages[0].content[1]", refused(image, drop).param());
            assertEquals("messages[1].tool_calls", refused(toolResult, drop).param());
            // The field check refuses the image too: it runs before the gateway would fetch it to inline it.
            assertEquals("messages[0].content[1]", assertThrows(GatewayException.BadRequest.class,
                    () -> TextCompletionFields.check(image, deployment(drop))).param());
        }
    }

    @Test
    void whatNeverChangesTheAnswerIsDroppedAndNamedOrRefused() {
        ChatRequest request = request(new Message.User(List.of(new ContentPart.Text("Hi")), "alice"))
                .toolChoice(new ToolChoice.None()).parallelToolCalls(false)
                .extension("logprobs", Json.mapper().getNodeFactory().booleanNode(true))
                .extension("frequency_penalty", Json.mapper().getNodeFactory().numberNode(0.2)).build();
        assertEquals("tool_choice", refused(request, false).param());
        CheckedChat checked = TextCompletionFields.check(request, deployment(true));
        assertEquals(List.of("tool_choice", "parallel_tool_calls", "messages[].name", "logprobs"), checked.dropped());
        ObjectNode body = TextCompletionRequestMapper.toCompletion(request, deployment(true));
        assertFalse(body.has("logprobs") || body.has("tool_choice") || body.has("parallel_tool_calls"));
        assertEquals(0.2, body.get("frequency_penalty").asDouble(), "documented by the Completions API: passed");
        assertEquals("Hi", body.get("prompt").asText());
    }

    private static GatewayException.BadRequest refused(ChatRequest request, boolean drop) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> TextCompletionRequestMapper.toCompletion(request, deployment(drop)));
        assertFalse(error.getMessage().isBlank());
        return error;
    }
}
