package dev.gatehouse.testkit.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict fake of Gemini's embedding methods (ai.google.dev/api/embeddings):
 * {@code POST /v1beta/models/{model}:embedContent} and {@code :batchEmbedContents}, with the key
 * in {@code x-goog-api-key}. It refuses unknown fields, contents without text, more than
 * {@value #MAX_BATCH} requests in a batch, and a batch item whose {@code model} is not the
 * {@code models/{model}} of the path.
 *
 * <p>The embedding of a text is {@code [length of the text, position in this call, 0.25, …]}
 * with {@code outputDimensionality} values (3 by default).
 */
public final class FakeGeminiEmbeddings extends FakeProvider {

    public static final int MAX_BATCH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/v1beta/models/([A-Za-z0-9._-]+):(embedContent|batchEmbedContents)");
    private static final Set<String> ITEM_FIELDS = Set.of("model", "content", "taskType", "title",
            "outputDimensionality");

    @Override
    protected String name() {
        return "fake Gemini embeddings";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        Matcher path = PATH.matcher(request.pathOnly());
        if (!request.method().equals("POST") || !path.matches()) {
            return Optional.of(new Violation(404, "unknown endpoint " + request.method() + " " + request.path()));
        }
        if (!apiKey().equals(request.header("x-goog-api-key").orElse(null))) {
            return Optional.of(new Violation(400, "API key not valid. Please pass a valid API key."));
        }
        if (request.query("key").isPresent()) {
            return Optional.of(new Violation(400, "the key must not travel in the URL"));
        }
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return Optional.of(new Violation(400, "Invalid JSON payload received."));
        }
        if (path.group(2).equals("embedContent")) {
            return checkItem(body, null).map(m -> new Violation(400, m));
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!field.getKey().equals("requests")) {
                return Optional.of(new Violation(400, "Invalid JSON payload received. Unknown name \""
                        + field.getKey() + "\""));
            }
        }
        JsonNode requests = body.get("requests");
        if (requests == null || !requests.isArray() || requests.isEmpty()) {
            return Optional.of(new Violation(400, "requests must not be empty"));
        }
        if (requests.size() > MAX_BATCH) {
            return Optional.of(new Violation(400, "* BatchEmbedContentsRequest.requests: at most " + MAX_BATCH
                    + " requests can be in one batch"));
        }
        for (JsonNode item : requests) {
            Optional<String> problem = checkItem(item, "models/" + path.group(1));
            if (problem.isPresent()) {
                return problem.map(m -> new Violation(400, m));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkItem(JsonNode item, String batchModel) {
        for (Map.Entry<String, JsonNode> field : item.properties()) {
            if (!ITEM_FIELDS.contains(field.getKey())) {
                return Optional.of("Invalid JSON payload received. Unknown name \"" + field.getKey() + "\"");
            }
        }
        if (batchModel != null && !batchModel.equals(item.path("model").asText())) {
            return Optional.of("Model names in a batch must match the model of the URL");
        }
        JsonNode parts = item.path("content").path("parts");
        if (!parts.isArray() || parts.isEmpty() || parts.get(0).path("text").asText("").isEmpty()) {
            return Optional.of("* EmbedContentRequest.content: contents must not be empty");
        }
        if (item.has("outputDimensionality") && item.get("outputDimensionality").asInt(0) < 1) {
            return Optional.of("outputDimensionality must be positive");
        }
        return Optional.empty();
    }

    @Override
    protected Reply error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", status).put("message", message)
                .put("status", status == 400 ? "INVALID_ARGUMENT" : status == 429 ? "RESOURCE_EXHAUSTED" : "INTERNAL");
        return Reply.Full.json(status, body.toString());
    }

    /** An error answer in Gemini's google.rpc.Status shape. */
    public void replyError(int status, String message) {
        enqueue(error(status, message));
    }

    /** Answers the next {@code calls} embedding calls from their inputs. */
    public void replyEmbeddings(int calls) {
        for (int i = 0; i < calls; i++) {
            enqueue((Reply.Deferred) FakeGeminiEmbeddings::answer);
        }
    }

    private static Reply answer(RecordedRequest request) {
        JsonNode body = request.json();
        boolean batch = request.pathOnly().endsWith(":batchEmbedContents");
        List<JsonNode> items = new ArrayList<>();
        if (batch) {
            body.get("requests").forEach(items::add);
        } else {
            items.add(body);
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode embeddings = batch ? answer.putArray("embeddings") : null;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int dims = item.path("outputDimensionality").asInt(3);
            ArrayNode values = (batch ? embeddings.addObject() : answer.putObject("embedding")).putArray("values");
            values.add(item.path("content").path("parts").get(0).path("text").asText().length());
            if (dims > 1) {
                values.add(i);
            }
            for (int d = 2; d < dims; d++) {
                values.add(0.25);
            }
        }
        return Reply.Full.json(200, answer.toString());
    }
}
