package dev.gatehouse.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.bedrock.FakeBedrock;
import dev.gatehouse.testkit.cohere.FakeCohere;
import dev.gatehouse.testkit.gemini.FakeGemini;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * For every provider, a streamed answer reassembles into the same message as the same
 * answer given whole: text, tool calls (names and arguments), and finish reason.
 */
class StreamReassemblyProperties {

    /** Provider id → a new fake of it. */
    static final Map<String, Supplier<ScriptableFake>> FAKES = new LinkedHashMap<>();

    static {
        FAKES.put("openai", FakeOpenAi::new);
        FAKES.put("mistral", () -> new FakeOpenAi(Dialect.MISTRAL));
        FAKES.put("groq", () -> new FakeOpenAi(Dialect.GROQ));
        FAKES.put("anthropic", FakeAnthropic::new);
        FAKES.put("gemini", FakeGemini::new);
        FAKES.put("bedrock", FakeBedrock::new); // with a Bedrock API key: the deployment here has no AWS keys
        FAKES.put("cohere", FakeCohere::new);
    }

    private static final JdkHttpTransport TRANSPORT = new JdkHttpTransport(Duration.ofSeconds(5));
    private static final Tool LOOKUP = new Tool("lookup", null,
            Json.parseUpstream("{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}}}", "test"), null);

    /** A provider and what its answer holds: text fragments or tool-call queries. */
    record Case(String provider, List<String> parts) {}

    /**
     * Checks {@code property} for {@code tries} answers of one to {@code max} texts on every
     * provider in turn, so that none is left to chance.
     */
    private static void forEveryProvider(int tries, int max, Consumer<Case> property) {
        for (String id : FAKES.keySet()) {
            Tries.forAll(tries, Requests.text().list(1, max).map(parts -> new Case(id, parts)), property);
        }
    }

    @Test
    void streamedTextIsTheWholeText() {
        forEveryProvider(6, 8, c -> streamedTextIsTheWholeText(c.provider(), c.parts()));
    }

    private static void streamedTextIsTheWholeText(String id, List<String> fragments) {
        String whole = String.join("", fragments);
        withFake(id, (fake, provider, upstream) -> {
            fake.replyText(whole, new FakeUsage(3, fragments.size()));
            ChatResponse response = provider.chat(request(false), upstream);
            fake.streamText(fragments, new FakeUsage(3, fragments.size()));
            List<ChatChunk> chunks = collect(provider.stream(request(true), upstream));
            fake.assertNoViolations();
            assertEquals(response.choices().getFirst().message().content(), text(chunks));
            assertEquals(response.choices().getFirst().finishReason(), finishReason(chunks));
            assertEquals(response.usage(), chunks.getLast().usage());
        });
    }

    @Test
    void streamedToolCallsAreTheWholeToolCalls() {
        forEveryProvider(5, 3, c -> streamedToolCallsAreTheWholeToolCalls(c.provider(), c.parts()));
    }

    private static void streamedToolCallsAreTheWholeToolCalls(String id, List<String> queries) {
        List<FakeToolCall> calls = queries.stream()
                .map(q -> new FakeToolCall("lookup", Json.text(Json.object().put("q", q)))).toList();
        withFake(id, (fake, provider, upstream) -> {
            fake.replyToolCalls(calls, new FakeUsage(3, 5));
            ChatResponse response = provider.chat(request(false), upstream);
            fake.streamToolCalls(calls, new FakeUsage(3, 5));
            List<ChatChunk> chunks = collect(provider.stream(request(true), upstream));
            fake.assertNoViolations();
            List<ToolCall> whole = response.choices().getFirst().message().toolCalls();
            List<ToolCall> streamed = toolCalls(chunks);
            assertEquals(whole.stream().map(ToolCall::name).toList(), streamed.stream().map(ToolCall::name).toList());
            for (int i = 0; i < whole.size(); i++) {
                assertEquals(Json.parseUpstream(whole.get(i).arguments(), "t"),
                        Json.parseUpstream(streamed.get(i).arguments(), "t"));
            }
            assertEquals(response.choices().getFirst().finishReason(), finishReason(chunks));
        });
    }

    private interface Body {
        void run(ScriptableFake fake, ChatProvider provider, Upstream upstream);
    }

    private static void withFake(String id, Body body) {
        ScriptableFake fake = FAKES.get(id).get();
        try {
            Deployment deployment = Deployment.builder("p", id).upstreamModel("test-model").baseUrl(fake.baseUrl())
                    .apiKey(Secret.of(fake.apiKey())).build();
            body.run(fake, Providers.create(id), new Upstream(deployment, TRANSPORT));
        } finally {
            ((FakeProvider) fake).close();
        }
    }

    private static ChatRequest request(boolean stream) {
        return ChatRequest.builder("test-model").messages(List.of(Message.User.of("Go.")))
                .tools(List.of(LOOKUP)).stream(stream).includeUsage(stream).build();
    }

    private static List<ChatChunk> collect(ChatStream stream) {
        List<ChatChunk> chunks = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(chunks::add);
        }
        return chunks;
    }

    private static String text(List<ChatChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(choice -> {
            if (choice.delta().content() != null) {
                text.append(choice.delta().content());
            }
        }));
        return text.toString();
    }

    private static dev.gatehouse.api.FinishReason finishReason(List<ChatChunk> chunks) {
        return chunks.stream().flatMap(c -> c.choices().stream()).map(ChatChunk.Choice::finishReason)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static List<ToolCall> toolCalls(List<ChatChunk> chunks) {
        List<String[]> calls = new ArrayList<>();
        for (ChatChunk chunk : chunks) {
            for (ChatChunk.Choice choice : chunk.choices()) {
                for (ChatChunk.ToolCallDelta delta : choice.delta().toolCalls()) {
                    while (calls.size() <= delta.index()) {
                        calls.add(new String[] {"", "", ""});
                    }
                    String[] call = calls.get(delta.index());
                    call[0] += delta.id() == null ? "" : delta.id();
                    call[1] += delta.name() == null ? "" : delta.name();
                    call[2] += delta.arguments() == null ? "" : delta.arguments();
                }
            }
        }
        return calls.stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
    }
}
