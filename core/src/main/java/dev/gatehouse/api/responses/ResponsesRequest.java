package dev.gatehouse.api.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Responses API request, read and checked ({@link ResponsesRequestJson#read}).
 *
 * @param chat the canonical request: instructions first, then the input items as messages
 * @param input the conversation as item objects (a string input made one user message item);
 *     after {@link #withHistory} the earlier responses' items come first
 * @param instructions the request's own instructions, or null (never carried over from an earlier
 *     response, as OpenAI documents for {@code previous_response_id})
 * @param previousResponseId the response this one continues, or null
 * @param store whether the response is to be kept (OpenAI's default: true)
 * @param stream whether the caller asked for server-sent events
 * @param reasoningSummary {@code reasoning.summary} (auto, concise, detailed) or null: whether reasoning
 *     text is written as summary parts
 * @param includeEncryptedReasoning whether {@code include} asks for {@code reasoning.encrypted_content}: only
 *     then do reasoning items carry the provider's reasoning signature, as OpenAI writes it only then
 * @param echo the settings the Response object repeats back (tools, tool_choice, text, reasoning,
 *     temperature, top_p, max_output_tokens, max_tool_calls, parallel_tool_calls, metadata,
 *     truncation, user, top_logprobs), defaults filled in
 * @param dropped the request fields that reach no upstream, by path (for the {@code x-gatehouse-dropped}
 *     header): those that only steer OpenAI's own platform, and reasoning settings for a model that does not reason
 * @param toolNamespaces the namespace of each function declared inside a {@code namespace} tool, by its
 *     canonical name ({@code <namespace>__<name>}), so its calls are written back with their namespace
 */
public record ResponsesRequest(ChatRequest chat, ArrayNode input, String instructions, String previousResponseId,
        boolean store, boolean stream, String reasoningSummary, boolean includeEncryptedReasoning, ObjectNode echo,
        List<String> dropped, Map<String, String> toolNamespaces) {

    public ResponsesRequest {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(echo, "echo");
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        toolNamespaces = toolNamespaces == null ? Map.of() : Map.copyOf(toolNamespaces);
    }

    /** The public model name the caller asked for. */
    public String model() {
        return chat.model();
    }

    /**
     * A copy whose conversation starts with {@code earlierItems}: the input and output items of the
     * responses this one continues, oldest first. This request's instructions stay first; earlier
     * instructions are not carried over.
     */
    public ResponsesRequest withHistory(ArrayNode earlierItems) {
        ArrayNode all = earlierItems.deepCopy();
        all.addAll(input.deepCopy());
        List<Message> messages = new ArrayList<>();
        if (instructions != null) {
            messages.add(new Message.System(instructions, null));
        }
        messages.addAll(ResponsesInputJson.messages(all));
        return new ResponsesRequest(chat.toBuilder().messages(messages).build(), all, instructions,
                previousResponseId, store, stream, reasoningSummary, includeEncryptedReasoning, echo, dropped,
                toolNamespaces);
    }

    /** A copy that is not kept, for a gateway that has nowhere to keep it; the Response then says {@code "store": false}. */
    public ResponsesRequest withoutStore() {
        return new ResponsesRequest(chat, input, instructions, previousResponseId, false, stream, reasoningSummary,
                includeEncryptedReasoning, echo, dropped, toolNamespaces);
    }
}
