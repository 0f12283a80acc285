package dev.gatehouse.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.Multiparts;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strict fake of the embeddings and images endpoints of OpenAI and its compatible family
 * ({@link MediaDialect}): {@code POST /embeddings}, {@code /images/generations} and (OpenAI, Azure)
 * the multipart {@code /images/edits}; Azure OpenAI at its own addresses ({@link AzureMediaRules}). It refuses unknown fields, empty inputs, batches over
 * 2048 inputs, GPT Image parameters GPT Image refuses, and {@code n} over the dialect's limit.
 *
 * <p>Answers are computed from the request, so that tests can check order and mapping: the
 * embedding of a text is {@code [length of the text, position in this call, 0.25, …]} with as
 * many values as {@code dimensions} (3 by default), and counts one token per character.
 */
public final class FakeOpenAiMedia extends FakeProvider {

    /** OpenAI's largest embeddings batch (platform.openai.com/docs/api-reference/embeddings/create). */
    public static final int MAX_EMBEDDING_INPUTS = 2048;
    /** GPT Image's sizes. */
    public static final Set<String> GPT_IMAGE_SIZES = Set.of("1024x1024", "1536x1024", "1024x1536", "auto");
    /** The bytes of every image this fake draws: the 8-byte PNG signature and a marker. */
    public static final byte[] IMAGE = "\u0089PNG\r\n\u001a\nfake-image".getBytes(StandardCharsets.ISO_8859_1);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> EDIT_FIELDS = Set.of("model", "prompt", "n", "size", "quality",
            "response_format", "output_format", "output_compression", "background", "input_fidelity", "user", "image",
            "image[]", "mask");

    private final MediaDialect dialect;
    private final boolean requiresKey;

    public FakeOpenAiMedia(MediaDialect dialect) {
        this.dialect = dialect;
        this.requiresKey = dialect != MediaDialect.OLLAMA;
    }

    @Override
    public URI baseUrl() {
        return URI.create(super.baseUrl() + dialect.pathPrefix());
    }

    @Override
    protected String name() {
        return "fake " + dialect.name() + " media";
    }

    @Override
    protected Optional<Violation> check(RecordedRequest request) {
        String operation;
        if (dialect == MediaDialect.AZURE) {
            Optional<Violation> azure = AzureMediaRules.check(request, apiKey());
            if (azure.isPresent()) {
                return azure;
            }
            operation = AzureMediaRules.operation(request).orElseThrow();
        } else {
            String path = request.pathOnly();
            operation = path.startsWith(dialect.pathPrefix()) ? path.substring(dialect.pathPrefix().length()) : path;
        }
        boolean embeddings = operation.equals("/embeddings") && !dialect.embeddingFields().isEmpty();
        boolean generations = operation.equals("/images/generations") && !dialect.imageFields().isEmpty();
        boolean edits = operation.equals("/images/edits")
                && (dialect == MediaDialect.OPENAI || dialect == MediaDialect.AZURE);
        if (!request.method().equals("POST") || !(embeddings || generations || edits)) {
            return Optional.of(new Violation(404, "unknown endpoint " + request.method() + " " + request.path()));
        }
        String auth = request.header("authorization").orElse(null);
        if (requiresKey && dialect != MediaDialect.AZURE && !("Bearer " + apiKey()).equals(auth)) {
            return Optional.of(new Violation(401, "Incorrect API key provided"));
        }
        if (edits) {
            return checkEdit(request).map(m -> new Violation(400, m));
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
        Optional<String> problem = embeddings ? checkEmbeddings(body) : checkGeneration(body);
        if (problem.isEmpty() && generations && dialect == MediaDialect.AZURE) {
            problem = AzureMediaRules.checkImages(AzureMediaRules.deployment(request, body.path("model").asText(null)),
                    body.path("n").asInt(1), body.path("output_format").asText(null), false);
        }
        return problem.map(m -> new Violation(400, m));
    }

    private Optional<String> checkEmbeddings(JsonNode body) {
        Optional<String> unknown = unknownField(body, dialect.embeddingFields());
        if (unknown.isPresent()) {
            return unknown;
        }
        if (!body.path("model").isTextual()) {
            return Optional.of("'model' is required");
        }
        JsonNode input = body.get("input");
        if (input == null || (input.isTextual() && input.asText().isEmpty()) || (input.isArray() && input.isEmpty())) {
            return Optional.of("'input' is required and may not be empty");
        }
        if (input.isArray() && input.size() > MAX_EMBEDDING_INPUTS) {
            return Optional.of("'input' must have at most " + MAX_EMBEDDING_INPUTS + " items");
        }
        String format = body.path("encoding_format").asText("float");
        if (!format.equals("float") && !format.equals("base64")) {
            return Optional.of("'encoding_format' must be float or base64");
        }
        if (body.has("dimensions") && (!body.get("dimensions").isInt() || body.get("dimensions").asInt() < 1)) {
            return Optional.of("'dimensions' must be a positive integer");
        }
        return Optional.empty();
    }

    private Optional<String> checkGeneration(JsonNode body) {
        Optional<String> unknown = unknownField(body, dialect.imageFields());
        if (unknown.isPresent()) {
            return unknown;
        }
        return checkImageFields(body);
    }

    private Optional<String> checkImageFields(JsonNode body) {
        if (!body.path("model").isTextual()) {
            return Optional.of("'model' is required");
        }
        if (body.path("prompt").asText("").isBlank()) {
            return Optional.of("'prompt' is required and may not be empty");
        }
        int n = body.path("n").asInt(1);
        if (n < 1 || n > dialect.maxImages()) {
            return Optional.of("'n' must be from 1 to " + dialect.maxImages());
        }
        String model = body.path("model").asText();
        if ((dialect == MediaDialect.OPENAI || dialect == MediaDialect.AZURE) && model.startsWith("gpt-image")) {
            if (body.has("response_format")) {
                return Optional.of("Unknown parameter: 'response_format'.");
            }
            if (body.has("style")) {
                return Optional.of("Unknown parameter: 'style'.");
            }
            if (body.has("size") && !GPT_IMAGE_SIZES.contains(body.get("size").asText())) {
                return Optional.of("Invalid value: '" + body.get("size").asText() + "'. Supported values are: "
                        + "'1024x1024', '1024x1536', '1536x1024', and 'auto'.");
            }
        }
        if (dialect == MediaDialect.XAI && (body.has("aspect_ratio") || body.has("resolution"))
                && !model.startsWith("grok-imagine")) {
            return Optional.of("aspect_ratio and resolution are only supported by grok-imagine models");
        }
        if (dialect == MediaDialect.TOGETHER) {
            String format = body.path("response_format").asText("url");
            if (!format.equals("base64") && !format.equals("url")) {
                return Optional.of("'response_format' must be base64 or url");
            }
            if (body.has("size")) {
                return Optional.of("Unrecognized field 'size'");
            }
        }
        return Optional.empty();
    }

    private Optional<String> checkEdit(RecordedRequest request) {
        Optional<List<Multiparts.Part>> parsed = Multiparts.parse(request.header("content-type").orElse(null),
                request.body());
        if (parsed.isEmpty()) {
            return Optional.of("the body is not a valid multipart/form-data form");
        }
        ObjectNode fields = JSON.createObjectNode();
        int images = 0;
        for (Multiparts.Part part : parsed.get()) {
            if (!EDIT_FIELDS.contains(part.name())) {
                return Optional.of("Unknown parameter: '" + part.name() + "'.");
            }
            if (part.name().startsWith("image")) {
                if (part.filename() == null || part.bytes().length == 0) {
                    return Optional.of("'" + part.name() + "' must be a file");
                }
                images++;
            } else if (!part.name().equals("mask")) {
                String text = part.text();
                fields.set(part.name(), part.name().equals("n") ? JSON.getNodeFactory().numberNode(Integer.parseInt(
                        text)) : JSON.getNodeFactory().textNode(text));
            }
        }
        if (images == 0) {
            return Optional.of("'image' is required");
        }
        if (dialect == MediaDialect.AZURE) {
            Optional<String> azure = AzureMediaRules.checkImages(AzureMediaRules.deployment(request,
                    fields.path("model").asText(null)), fields.path("n").asInt(1),
                    fields.path("output_format").asText(null), true);
            if (azure.isPresent()) {
                return azure;
            }
        }
        return checkImageFields(fields);
    }

    private static Optional<String> unknownField(JsonNode body, Set<String> known) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!known.contains(field.getKey())) {
                return Optional.of("Unrecognized request argument supplied: " + field.getKey());
            }
        }
        return Optional.empty();
    }

    @Override
    protected Reply error(int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("message", message).put("type", "invalid_request_error");
        error.putNull("param");
        error.putNull("code");
        return Reply.Full.json(status, body.toString());
    }

    /**
     * Azure's refusal of an images request by its safety system: a 400 whose error has the code
     * {@code contentFilter} (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e,
     * "API call rejection").
     */
    public void replyImageContentFiltered() {
        ObjectNode body = JSON.createObjectNode().put("created", 1_698_435_368L);
        body.putObject("error").put("code", "contentFilter")
                .put("message", "Your task failed as a result of our safety system.");
        enqueue(Reply.Full.json(400, body.toString()));
    }

    /** An error answer with the dialect's error body. */
    public void replyError(int status, String message) {
        enqueue(error(status, message));
    }

    // ---- embeddings ----

    /** Answers the next {@code calls} embeddings requests from their inputs. */
    public void replyEmbeddings(int calls) {
        for (int i = 0; i < calls; i++) {
            enqueue((Reply.Deferred) FakeOpenAiMedia::embeddings);
        }
    }

    private static Reply embeddings(RecordedRequest request) {
        JsonNode body = request.json();
        JsonNode input = body.get("input");
        List<JsonNode> items = new java.util.ArrayList<>();
        if (input.isArray() && !(input.get(0).isNumber())) {
            input.forEach(items::add);
        } else {
            items.add(input);
        }
        int dims = body.path("dimensions").asInt(3);
        boolean base64 = body.path("encoding_format").asText("float").equals("base64");
        ObjectNode answer = JSON.createObjectNode().put("object", "list");
        ArrayNode data = answer.putArray("data");
        int tokens = 0;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            int length = item.isTextual() ? item.asText().length() : item.size();
            tokens += length;
            float[] vector = new float[dims];
            vector[0] = length;
            if (dims > 1) {
                vector[1] = i;
            }
            for (int d = 2; d < dims; d++) {
                vector[d] = 0.25f;
            }
            ObjectNode e = data.addObject().put("object", "embedding").put("index", i);
            if (base64) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(dims * 4)
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
                for (float v : vector) {
                    buffer.putFloat(v);
                }
                e.put("embedding", Base64.getEncoder().encodeToString(buffer.array()));
            } else {
                ArrayNode values = e.putArray("embedding");
                for (float v : vector) {
                    values.add(v);
                }
            }
        }
        answer.put("model", body.path("model").asText());
        answer.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return Reply.Full.json(200, answer.toString());
    }

    // ---- images ----

    /** Answers the next images request (generation or edit) with as many images as it asked for. */
    public void replyImages() {
        enqueue((Reply.Deferred) request -> images(request, dialect));
    }

    private static Reply images(RecordedRequest request, MediaDialect dialect) {
        JsonNode body;
        if (request.pathOnly().endsWith("/edits")) {
            ObjectNode fields = JSON.createObjectNode();
            Multiparts.parse(request.header("content-type").orElse(null), request.body()).orElseThrow().stream()
                    .filter(p -> p.filename() == null).forEach(p -> fields.put(p.name(), p.text()));
            body = fields;
        } else {
            body = request.json();
        }
        int n = body.path("n").asInt(1);
        String model = dialect == MediaDialect.AZURE
                ? String.valueOf(AzureMediaRules.deployment(request, body.path("model").asText(null)))
                : body.path("model").asText();
        // DALL·E 3 on Azure answers with URLs unless asked for base64 (learn.microsoft.com/en-us/azure/ai-foundry/
        // openai/how-to/dall-e), as xAI does.
        boolean urlsByDefault = dialect == MediaDialect.XAI || dialect == MediaDialect.AZURE && model.startsWith("dall-e");
        String format = body.path("response_format").asText(urlsByDefault ? "url" : "b64_json");
        ObjectNode answer = JSON.createObjectNode().put("created", 1_710_000_000L);
        ArrayNode data = answer.putArray("data");
        for (int i = 0; i < n; i++) {
            ObjectNode image = data.addObject();
            if (format.equals("url")) {
                image.put("url", "https://images.example.test/fake-" + i + ".jpeg");
            } else {
                image.put("b64_json", Base64.getEncoder().encodeToString(IMAGE));
            }
            if (dialect == MediaDialect.XAI || dialect == MediaDialect.AZURE && model.startsWith("dall-e")) {
                image.put("revised_prompt", "A detailed rendering of: " + body.path("prompt").asText());
            }
            if (dialect == MediaDialect.TOGETHER) {
                image.put("index", i).put("type", format.equals("url") ? "url" : "b64_json");
            }
        }
        if ((dialect == MediaDialect.OPENAI || dialect == MediaDialect.AZURE) && model.startsWith("gpt-image")) {
            answer.put("background", "opaque").put("output_format", body.path("output_format").asText("png"))
                    .put("quality", body.path("quality").asText("medium"))
                    .put("size", body.path("size").asText("1024x1024"));
            ObjectNode usage = answer.putObject("usage").put("input_tokens", 50);
            usage.putObject("input_tokens_details").put("text_tokens", 50).put("image_tokens", 0);
            usage.put("output_tokens", 1056 * n).put("total_tokens", 50 + 1056 * n);
        }
        if (dialect == MediaDialect.TOGETHER) {
            answer.put("id", "fake-together-image").put("model", body.path("model").asText()).put("object", "list");
        }
        return Reply.Full.json(200, answer.toString());
    }
}
