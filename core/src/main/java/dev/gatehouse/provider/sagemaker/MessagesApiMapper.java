package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.provider.Deployment;

/**
 * ChatRequest ↔ the OpenAI-compatible Messages API that TGI (and other serving containers, such
 * as vLLM's) answer on SageMaker's {@code /invocations}
 * (https://huggingface.co/docs/text-generation-inference/en/messages_api, which LiteLLM's
 * {@code sagemaker_chat} calls): OpenAI's own body, written as the caller sent it, with two
 * changes. The output limit goes as {@code max_tokens} (the name every such container reads;
 * {@code max_completion_tokens} is the same limit), the deployment's default limit when the
 * caller gave none; and a stream always asks for usage ({@code stream_options.include_usage}),
 * so that it can be accounted; the decoder shows it only to callers who asked.
 */
final class MessagesApiMapper {

    private MessagesApiMapper() {}

    static ObjectNode toMessagesApi(ChatRequest request, Deployment deployment, boolean stream) {
        ChatRequest sent = request.toBuilder().stream(stream).build();
        ObjectNode body = ChatRequestJson.write(sent);
        JsonNode limit = body.remove("max_completion_tokens");
        if (limit != null) {
            body.set("max_tokens", limit);
        } else if (!body.has("max_tokens") && deployment.defaultMaxTokens() != null) {
            body.put("max_tokens", deployment.defaultMaxTokens());
        }
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body;
    }

    /** The container's answer; the id SageMaker gave the call stands in where the container gave none (TGI's is empty). */
    static ChatResponse toChatResponse(JsonNode body, String fallbackId, String model, long created) {
        ChatResponse read = ChatResponseJson.read(body, SageMakerProvider.NAME);
        String id = read.id().isBlank() ? fallbackId : read.id();
        long when = read.created() > 0 ? read.created() : created;
        return new ChatResponse(id, when, read.model().isBlank() ? model : read.model(), read.choices(), read.usage(),
                read.systemFingerprint());
    }
}
