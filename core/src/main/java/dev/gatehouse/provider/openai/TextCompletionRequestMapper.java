package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;

/**
 * ChatRequest → the body of OpenAI's legacy {@code POST /v1/completions}
 * (https://platform.openai.com/docs/api-reference/completions/create), which vLLM and other
 * OpenAI-compatible servers serve too:
 *
 * <ul>
 *   <li>the messages → {@code prompt}, by {@link TextCompletionPrompt};</li>
 *   <li>{@code max_completion_tokens}/{@code max_tokens} → {@code max_tokens}; with neither, the
 *       deployment's {@code default_max_tokens}, else nothing, and the upstream's default applies
 *       (16 tokens on OpenAI);</li>
 *   <li>{@code temperature}, {@code top_p}, {@code n}, {@code stop}, {@code seed}, {@code user},
 *       {@code presence_penalty}, {@code frequency_penalty}, {@code logit_bias} as they are;</li>
 *   <li>a stream always asks for {@code stream_options.include_usage}, so that every stream is
 *       accounted; the decoder shows the usage chunk only to callers who asked for it.</li>
 * </ul>
 *
 * What the API can not take is refused or dropped first, by {@link TextCompletionFields}.
 */
final class TextCompletionRequestMapper {

    private TextCompletionRequestMapper() {}

    static ObjectNode toCompletion(ChatRequest request, Deployment deployment) {
        ChatRequest checked = TextCompletionFields.check(request, deployment).request();
        ObjectNode body = Json.object().put("model", checked.model())
                .put("prompt", TextCompletionPrompt.of(checked.messages()));
        Integer limit = checked.outputTokenLimit() != null ? checked.outputTokenLimit() : deployment.defaultMaxTokens();
        if (limit != null) {
            body.put("max_tokens", limit);
        }
        if (checked.temperature() != null) {
            body.put("temperature", checked.temperature());
        }
        if (checked.topP() != null) {
            body.put("top_p", checked.topP());
        }
        if (checked.n() != null) {
            body.put("n", checked.n());
        }
        if (!checked.stop().isEmpty()) {
            ArrayNode stop = body.putArray("stop");
            checked.stop().forEach(stop::add);
        }
        if (checked.seed() != null) {
            body.put("seed", checked.seed());
        }
        if (checked.user() != null) {
            body.put("user", checked.user());
        }
        checked.extensions().forEach(body::set);
        if (checked.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }
}
