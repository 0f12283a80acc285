package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import dev.gatehouse.testkit.ScriptableFake;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict fake of OpenAI's legacy Completions endpoint ({@code POST /v1/completions}), which
 * vLLM serves in the same format. Answers and streams follow the API reference
 * (https://platform.openai.com/docs/api-reference/completions/object): {@code text_completion}
 * objects whose choices carry {@code text}, streamed as {@code data:} chunks of the same object
 * ended by {@code data: [DONE]}, the usage chunk (no choices) only when
 * {@code stream_options.include_usage} asks for it. The API has no tools: scripting a tool call
 * fails the test.
 */
public final class FakeOpenAiCompletions extends FakeProvider implements ScriptableFake {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SSE = Map.of("content-type", "text/event-stream");

    /** The API root deployments point at. */
    @Override
    public URI baseUrl() {
        return URI.create(super.baseUrl() + "/v1");
    }

    @Override
    protected String name() {
        return "fake OpenAI Completions";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.pathOnly().equals("/v1/completions")) {
            return Optional.of(new Violation(404, "unknown endpoint " + request.method() + " " + request.path()));
        }
        String auth = request.header("authorization").orElse(null);
        if (!("Bearer " + apiKey()).equals(auth)) {
            return Optional.of(new Violation(401, "Incorrect API key provided (authorization header: "
                    + (auth == null ? "missing" : "wrong") + ")"));
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            return Optional.of(new Violation(400, "content-type must be application/json"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "We could not parse the JSON body of your request."));
        }
        return CompletionsRequestCheck.check(body).map(message -> new Violation(400, message));
    }

    @Override
    protected Reply error(int status, String message) {
        return FakeOpenAi.errorReply(status, message, "invalid_request_error", null);
    }

    // ---- the scenario vocabulary ----

    @Override
    public void replyText(String text, FakeUsage usage) {
        ObjectNode body = completion();
        body.putArray("choices").add(choice(text, "stop"));
        body.set("usage", usage(usage));
        enqueue(Reply.Full.json(200, body.toString()));
    }

    @Override
    public void replyToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        throw new UnsupportedOperationException("the Completions API has no tools");
    }

    @Override
    public void streamText(List<String> fragments, FakeUsage usage) {
        enqueue(finish(textFrames(fragments), usage));
    }

    @Override
    public void streamToolCalls(List<FakeToolCall> calls, FakeUsage usage) {
        throw new UnsupportedOperationException("the Completions API has no tools");
    }

    @Override
    public void replyError(ErrorKind kind) {
        enqueue(FakeOpenAi.errorFor(kind, apiKey()));
    }

    @Override
    public void streamTextThenError(List<String> fragments) {
        List<Reply.Frame> frames = textFrames(fragments);
        frames.add(FakeOpenAi.streamedServerError());
        enqueue(new Reply.Stream(200, SSE, frames, false));
    }

    @Override
    public void streamTextThenDrop(List<String> fragments) {
        enqueue(new Reply.Stream(200, SSE, textFrames(fragments), true));
    }

    @Override
    public void streamSlowly(int count, long intervalMillis) {
        List<Reply.Frame> frames = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            frames.add(new Reply.Frame(sse(chunk(i + " ", null)), Duration.ofMillis(intervalMillis)));
        }
        enqueue(finish(frames, null));
    }

    // ---- shapes ----

    private static List<Reply.Frame> textFrames(List<String> fragments) {
        List<Reply.Frame> frames = new ArrayList<>();
        for (String fragment : fragments) {
            frames.add(Reply.Frame.of(sse(chunk(fragment, null))));
        }
        return frames;
    }

    /** The last text chunk carries the finish reason with empty text, as OpenAI's stream does. */
    private static Reply finish(List<Reply.Frame> frames, FakeUsage usage) {
        frames.add(Reply.Frame.of(sse(chunk("", "stop"))));
        Reply.Frame usageFrame = null;
        if (usage != null) {
            ObjectNode usageChunk = completion();
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(usage));
            usageFrame = Reply.Frame.of(sse(usageChunk));
        }
        return new UsageAwareStream(frames, usageFrame);
    }

    private static ObjectNode completion() {
        return JSON.createObjectNode().put("id", "cmpl-fake").put("object", "text_completion")
                .put("created", 1_710_000_000L).put("model", "gpt-3.5-turbo-instruct");
    }

    private static ObjectNode choice(String text, String finishReason) {
        ObjectNode choice = JSON.createObjectNode().put("text", text).put("index", 0);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return choice;
    }

    private static ObjectNode chunk(String text, String finishReason) {
        ObjectNode chunk = completion();
        chunk.putArray("choices").add(choice(text, finishReason));
        return chunk;
    }

    private static ObjectNode usage(FakeUsage usage) {
        return JSON.createObjectNode().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens())
                .put("total_tokens", usage.promptTokens() + usage.completionTokens());
    }

    private static String sse(ObjectNode chunk) {
        return "data: " + chunk + "\n\n";
    }

    /** A stream whose usage chunk is sent only when the request asked for it, as OpenAI does. */
    private record UsageAwareStream(List<Reply.Frame> body, Reply.Frame usage) implements Reply.Deferred {
        @Override
        public Reply resolve(RecordedRequest request) {
            boolean wantsUsage = request.json().path("stream_options").path("include_usage").asBoolean(false);
            List<Reply.Frame> played = new ArrayList<>(body);
            if (usage != null && wantsUsage) {
                played.add(usage);
            }
            played.add(Reply.Frame.of("data: [DONE]\n\n"));
            return new Reply.Stream(200, SSE, played, false);
        }
    }
}
