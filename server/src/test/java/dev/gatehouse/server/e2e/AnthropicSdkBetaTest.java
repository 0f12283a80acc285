package dev.gatehouse.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.JsonValue;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.BetaMessageAccumulator;
import com.anthropic.models.beta.AnthropicBeta;
import com.anthropic.models.beta.messages.BetaCacheControlEphemeral;
import com.anthropic.models.beta.messages.BetaClearThinking20251015Edit;
import com.anthropic.models.beta.messages.BetaContextManagementConfig;
import com.anthropic.models.beta.messages.BetaMessage;
import com.anthropic.models.beta.messages.BetaMetadata;
import com.anthropic.models.beta.messages.BetaOutputConfig;
import com.anthropic.models.beta.messages.BetaRawMessageStreamEvent;
import com.anthropic.models.beta.messages.BetaTextBlockParam;
import com.anthropic.models.beta.messages.BetaThinkingConfigAdaptive;
import com.anthropic.models.beta.messages.BetaTool;
import com.anthropic.models.beta.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Anthropic Java SDK's beta messages client ({@code client.beta().messages()}, which
 * calls {@code /v1/messages?beta=true} with the {@code anthropic-beta} header) sending the beta
 * fields Claude Code sends: to an Anthropic model as written, and to an OpenAI model translated,
 * its reasoning coming back as thinking blocks the SDK reads.
 */
class AnthropicSdkBetaTest {

    private static RunningGateway gateway;
    private static AnthropicClient client;

    @BeforeAll
    static void start() {
        gateway = new RunningGateway();
        client = AnthropicOkHttpClient.builder().baseUrl("http://127.0.0.1:" + gateway.gatehouse.port())
                .apiKey(gateway.apiKey).maxRetries(0).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        gateway.close();
    }

    private static MessageCreateParams.Builder withBetaFields(String model) {
        BetaCacheControlEphemeral cache = BetaCacheControlEphemeral.builder().build();
        return MessageCreateParams.builder().model(model).maxTokens(4096)
                .addBeta(AnthropicBeta.CONTEXT_MANAGEMENT_2025_06_27).addBeta("effort-2025-11-24")
                .systemOfBetaTextBlockParams(List.of(BetaTextBlockParam.builder().text("Be brief.").cacheControl(cache)
                        .build()))
                .addUserMessage("Capital of France?")
                .addTool(BetaTool.builder().name("lookup").cacheControl(cache).deferLoading(false)
                        .inputSchema(BetaTool.InputSchema.builder()
                                .properties(BetaTool.InputSchema.Properties.builder()
                                        .putAdditionalProperty("q", JsonValue.from(Map.of("type", "string"))).build())
                                .build())
                        .build())
                .metadata(BetaMetadata.builder().userId("user-7").build())
                .thinking(BetaThinkingConfigAdaptive.builder().display(BetaThinkingConfigAdaptive.Display.SUMMARIZED)
                        .build())
                .outputConfig(BetaOutputConfig.builder().effort(BetaOutputConfig.Effort.MEDIUM).build())
                .contextManagement(BetaContextManagementConfig.builder()
                        .addEdit(BetaClearThinking20251015Edit.builder().keepAll().build()).build());
    }

    @Test
    void anAnthropicModelGetsTheBetaFieldsAsWritten() {
        gateway.anthropic.replyThinkingThenText("France's capital.", "Paris.", new FakeUsage(15, 9));
        BetaMessage message = client.beta().messages().create(withBetaFields("claude").build());
        gateway.anthropic.assertNoViolations();
        RecordedRequest sent = gateway.anthropic.requests().getLast();
        assertTrue(sent.header("anthropic-beta").orElseThrow().contains("context-management-2025-06-27"),
                sent.header("anthropic-beta").orElseThrow());
        JsonNode body = sent.json();
        assertEquals("clear_thinking_20251015", body.path("context_management").path("edits").get(0).path("type").asText());
        assertEquals("adaptive", body.path("thinking").path("type").asText());
        assertEquals("summarized", body.path("thinking").path("display").asText());
        assertEquals("medium", body.path("output_config").path("effort").asText());
        assertEquals("ephemeral", body.path("system").get(0).path("cache_control").path("type").asText());
        assertEquals("ephemeral", body.path("tools").get(0).path("cache_control").path("type").asText());
        assertEquals("user-7", body.path("metadata").path("user_id").asText());
        assertEquals("France's capital.", message.content().get(0).asThinking().thinking());
        assertEquals("Paris.", message.content().get(1).asText().text());
    }

    @Test
    void aTranslatedModelGetsWhatMapsAndTheSdkReadsItsThinking() {
        gateway.openai.enqueue(Reply.Full.json(200, """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o",
                 "choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"Paris.",
                   "reasoning_content":"France's capital."}}],
                 "usage":{"prompt_tokens":10,"completion_tokens":8,"total_tokens":18}}"""));
        BetaMessage message = client.beta().messages().create(withBetaFields("gpt").build());
        gateway.openai.assertNoViolations();
        JsonNode body = gateway.openai.requests().getLast().json();
        assertEquals("medium", body.path("reasoning_effort").asText());
        assertEquals("user-7", body.path("user").asText());
        assertEquals("Be brief.", body.path("messages").get(0).path("content").asText());
        assertEquals("lookup", body.path("tools").get(0).path("function").path("name").asText());
        assertFalse(body.toString().contains("cache_control"), body.toString());
        assertFalse(body.has("context_management"), body.toString());
        assertEquals("France's capital.", message.content().get(0).asThinking().thinking());
        assertEquals("", message.content().get(0).asThinking().signature());
        assertEquals("Paris.", message.content().get(1).asText().text());
        assertEquals("gpt", message.model().asString());
    }

    @Test
    void aTranslatedStreamAccumulatesIntoThinkingThenText() {
        List<Reply.Frame> frames = new ArrayList<>();
        for (String delta : List.of("{\"role\":\"assistant\",\"reasoning_content\":\"France's \"}",
                "{\"reasoning_content\":\"capital.\"}", "{\"content\":\"Paris.\"}")) {
            frames.add(chunk("{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":null}"));
        }
        frames.add(chunk("{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}"));
        frames.add(Reply.Frame.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":6,"
                + "\"total_tokens\":15}}\n\ndata: [DONE]\n\n"));
        gateway.openai.enqueue(new Reply.Stream(200, Map.of("content-type", "text/event-stream"), frames, false));
        BetaMessageAccumulator accumulator = BetaMessageAccumulator.create();
        try (StreamResponse<BetaRawMessageStreamEvent> stream =
                client.beta().messages().createStreaming(withBetaFields("gpt").build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        gateway.openai.assertNoViolations();
        BetaMessage message = accumulator.message();
        assertEquals("France's capital.", message.content().get(0).asThinking().thinking());
        assertEquals("Paris.", message.content().get(1).asText().text());
        assertEquals(6, message.usage().outputTokens());
    }

    private static Reply.Frame chunk(String choice) {
        return Reply.Frame.of("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                + "\"model\":\"gpt-4o\",\"choices\":[" + choice + "]}\n\n");
    }
}
