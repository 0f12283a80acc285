package dev.gatehouse.testkit.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * What an endpoint's container refuses, for the two formats the fake serves, with the
 * container's own messages where it has one:
 *
 * <ul>
 *   <li>the text-generation (TGI) format, from TGI's parameter validation
 *       (https://huggingface.github.io/text-generation-inference/): {@code inputs} a non-empty
 *       string, {@code parameters} of the names TGI documents only, {@code max_new_tokens} and
 *       {@code temperature} strictly positive, {@code top_p} strictly between 0 and 1, at most
 *       4 {@code stop} sequences, {@code decoder_input_details} not in a stream, a
 *       {@code grammar} of type json or regex;</li>
 *   <li>the Messages API (https://huggingface.co/docs/text-generation-inference/en/messages_api):
 *       a non-empty {@code messages} list of objects with a role, the output limit as
 *       {@code max_tokens} (the name its reference documents; the fake refuses OpenAI's newer name
 *       so that a test sees it renamed).</li>
 * </ul>
 *
 * An embedding body (TEI's {@code /embed}, https://huggingface.github.io/text-embeddings-inference/)
 * has {@code inputs} as a list of at most 32 texts (TEI's default batch limit).
 *
 * <p>Either way a streamed call ({@code /invocations-response-stream}) must ask the container to
 * stream ({@code "stream": true}) and a plain one must not: TGI decides by the body.
 */
final class InvokeRules {

    private static final Set<String> TGI_PARAMETERS = Set.of("max_new_tokens", "temperature", "top_p", "top_k",
            "stop", "seed", "do_sample", "details", "decoder_input_details", "grammar", "repetition_penalty",
            "return_full_text", "truncate", "typical_p", "watermark", "best_of", "frequency_penalty", "top_n_tokens");

    /** TEI's default {@code --max-client-batch-size}. */
    private static final int MAX_EMBEDDING_BATCH = 32;

    private InvokeRules() {}

    /** Whether a body is in the text-generation format (else it is the Messages API). */
    static boolean isTextGeneration(JsonNode body) {
        return body.has("inputs");
    }

    static Optional<String> check(JsonNode body, boolean streamed) {
        if (!body.isObject()) {
            return Optional.of("Failed to deserialize the JSON body: expected an object");
        }
        if (!isEmbedding(body) && body.path("stream").asBoolean(false) != streamed) {
            return Optional.of(streamed ? "InvokeEndpointWithResponseStream needs \"stream\": true in the body"
                    : "\"stream\": true needs InvokeEndpointWithResponseStream");
        }
        if (isEmbedding(body)) {
            return streamed ? Optional.of("an embedding is not streamed") : embedding(body);
        }
        return isTextGeneration(body) ? textGeneration(body, streamed) : messages(body);
    }

    /** Whether a body asks TEI for embeddings: {@code inputs} is a list of texts. */
    static boolean isEmbedding(JsonNode body) {
        return body.path("inputs").isArray();
    }

    private static Optional<String> embedding(JsonNode body) {
        JsonNode inputs = body.get("inputs");
        if (inputs.isEmpty()) {
            return Optional.of("`inputs` cannot be empty");
        }
        if (inputs.size() > MAX_EMBEDDING_BATCH) {
            return Optional.of("batch size " + inputs.size() + " > maximum allowed batch size " + MAX_EMBEDDING_BATCH);
        }
        for (JsonNode input : inputs) {
            if (!input.isTextual()) {
                return Optional.of("Failed to deserialize the JSON body: inputs must be strings");
            }
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("inputs", "normalize", "truncate", "truncation_direction", "prompt_name").contains(name)) {
                return Optional.of(name + " is not a field of TEI's embed request");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> textGeneration(JsonNode body, boolean streamed) {
        JsonNode inputs = body.get("inputs");
        if (!inputs.isTextual() || inputs.asText().isEmpty()) {
            return Optional.of("Input validation error: `inputs` cannot be empty");
        }
        JsonNode parameters = body.path("parameters");
        if (!parameters.isMissingNode() && !parameters.isObject()) {
            return Optional.of("Failed to deserialize the JSON body: parameters must be an object");
        }
        for (Iterator<String> names = parameters.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TGI_PARAMETERS.contains(name)) {
                return Optional.of("parameters." + name + " is not a text-generation parameter");
            }
        }
        JsonNode max = parameters.get("max_new_tokens");
        if (max != null && (!max.canConvertToInt() || max.asInt() < 1)) {
            return Optional.of("Input validation error: `max_new_tokens` must be strictly positive");
        }
        JsonNode temperature = parameters.get("temperature");
        if (temperature != null && (!temperature.isNumber() || temperature.asDouble() <= 0)) {
            return Optional.of("Input validation error: `temperature` must be strictly positive");
        }
        JsonNode topP = parameters.get("top_p");
        if (topP != null && (!topP.isNumber() || topP.asDouble() <= 0 || topP.asDouble() >= 1)) {
            return Optional.of("Input validation error: `top_p` must be > 0.0 and < 1.0");
        }
        JsonNode stop = parameters.get("stop");
        if (stop != null && (!stop.isArray() || stop.size() > 4)) {
            return Optional.of("Input validation error: `stop` supports up to 4 stop sequences");
        }
        if (streamed && parameters.path("decoder_input_details").asBoolean(false)) {
            return Optional.of("Input validation error: `decoder_input_details` == true is not supported when"
                    + " streaming tokens");
        }
        JsonNode grammar = parameters.get("grammar");
        if (grammar != null && !Set.of("json", "regex").contains(grammar.path("type").asText())) {
            return Optional.of("Failed to deserialize the JSON body: grammar.type must be json or regex");
        }
        return Optional.empty();
    }

    private static Optional<String> messages(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return Optional.of("Failed to deserialize the JSON body: missing field `messages`");
        }
        for (JsonNode message : messages) {
            if (!message.path("role").isTextual()) {
                return Optional.of("Failed to deserialize the JSON body: messages: missing field `role`");
            }
        }
        if (body.has("max_completion_tokens")) {
            return Optional.of("the Messages API reads the output limit as max_tokens, not max_completion_tokens");
        }
        return Optional.empty();
    }
}
