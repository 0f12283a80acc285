package dev.gatehouse.api.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * A canonical answer → OpenAI's Response object
 * (https://platform.openai.com/docs/api-reference/responses/object): the output items, the
 * status ({@code incomplete} with {@code incomplete_details.reason} for a length or
 * content-filter stop), usage, and the request's settings echoed back.
 *
 * <p>A translated provider's reasoning is its full reasoning text, so a reasoning item carries it
 * as {@code reasoning_text} content, which the reference documents for that. When the caller asked
 * for a summary ({@code reasoning.summary}) the same text is given as the summary instead: it is
 * the nearest thing a translated provider has, and agents that ask for summaries show only those.
 * The provider's reasoning signature (Claude's signed and redacted thinking) is the item's
 * {@code encrypted_content} when the caller's {@code include} asks for it ({@link EncryptedReasoning}).
 */
public final class ResponseJson {

    private ResponseJson() {}

    /** The whole Response for {@code answer}, named {@code id}, created at {@code createdAt} (Unix seconds). */
    public static ObjectNode write(ResponsesRequest request, ChatResponse answer, String id, long createdAt) {
        if (answer.choices().isEmpty()) {
            throw new GatewayException.UpstreamServerError("the upstream returned a response without choices", 0, null);
        }
        ChatResponse.Choice choice = answer.choices().getFirst();
        return write(request, new Outcome(id, createdAt, items(id, choice.message()), choice.finishReason(),
                answer.usage(), null));
    }

    /** What a Response reports, however it was produced; {@code failure} set makes it a failed one. */
    record Outcome(String id, long createdAt, List<OutputItem> items, FinishReason finish, Usage usage,
            GatewayException failure) {}

    static ObjectNode write(ResponsesRequest request, Outcome outcome) {
        String incomplete = outcome.failure() == null ? incompleteReason(outcome.finish()) : null;
        String status = outcome.failure() != null ? "failed" : incomplete != null ? "incomplete" : "completed";
        ObjectNode node = envelope(request, outcome.id(), outcome.createdAt(), status);
        if (outcome.failure() != null) {
            node.putObject("error").put("code", errorCode(outcome.failure()))
                    .put("message", outcome.failure().getMessage());
        }
        if (incomplete != null) {
            node.putObject("incomplete_details").put("reason", incomplete);
        }
        ArrayNode output = node.putArray("output");
        List<OutputItem> items = outcome.items();
        for (int i = 0; i < items.size(); i++) {
            boolean cutShort = !status.equals("completed") && i == items.size() - 1;
            output.add(item(request, items.get(i), cutShort ? "incomplete" : "completed"));
        }
        node.set("usage", usage(outcome.usage()));
        return node;
    }

    /** The Response as it stands before any output: {@code response.created} and {@code response.in_progress} carry it. */
    static ObjectNode inProgress(ResponsesRequest request, String id, long createdAt) {
        ObjectNode node = envelope(request, id, createdAt, "in_progress");
        node.putArray("output");
        node.putNull("usage");
        return node;
    }

    /** The canonical assistant message as output items: reasoning, the message, then each function call. */
    static List<OutputItem> items(String responseId, Message.Assistant message) {
        List<OutputItem> items = new ArrayList<>();
        String reasoning = message.reasoningContent() == null ? "" : message.reasoningContent();
        String signature = message.reasoningSignature() == null || message.reasoningSignature().isEmpty() ? null
                : message.reasoningSignature();
        // Redacted reasoning has a signature and no text: its item is still written, to carry it back.
        if (!reasoning.isEmpty() || signature != null) {
            items.add(new OutputItem.Reasoning(ResponseIds.item("rs", responseId, items.size()), reasoning,
                    signature));
        }
        String text = message.content() == null || message.content().isEmpty() ? null : message.content();
        String refusal = message.refusal() == null || message.refusal().isEmpty() ? null : message.refusal();
        if (text != null || refusal != null) {
            items.add(new OutputItem.Text(ResponseIds.item("msg", responseId, items.size()), text, refusal));
        }
        for (ToolCall call : message.toolCalls()) {
            items.add(new OutputItem.FunctionCall(ResponseIds.item("fc", responseId, items.size()), call.id(),
                    call.name(), call.arguments()));
        }
        return items;
    }

    /** One output item in its wire form, with {@code status}. */
    static ObjectNode item(ResponsesRequest request, OutputItem item, String status) {
        boolean summary = request.reasoningSummary() != null;
        ObjectNode node = Json.object().put("id", item.id());
        switch (item) {
            case OutputItem.Reasoning r -> {
                node.put("type", "reasoning");
                ArrayNode summaryParts = node.putArray("summary");
                // Without text (only redacted reasoning) the summary stays empty, as in OpenAI's own items.
                if (!r.text().isEmpty() && summary) {
                    summaryParts.addObject().put("type", "summary_text").put("text", r.text());
                } else if (!r.text().isEmpty()) {
                    node.putArray("content").addObject().put("type", "reasoning_text").put("text", r.text());
                }
                if (request.includeEncryptedReasoning() && r.signature() != null) {
                    node.put("encrypted_content", EncryptedReasoning.wrap(r.text(), r.signature()));
                }
            }
            case OutputItem.Text t -> {
                node.put("type", "message").put("status", status).put("role", "assistant");
                ArrayNode content = node.putArray("content");
                if (t.text() != null) {
                    content.add(textPart(t.text()));
                }
                if (t.refusal() != null) {
                    content.add(refusalPart(t.refusal()));
                }
            }
            case OutputItem.FunctionCall f -> {
                node.put("type", "function_call").put("status", status).put("arguments", f.arguments())
                        .put("call_id", f.callId());
                String namespace = request.toolNamespaces().get(f.name());
                if (namespace == null) {
                    node.put("name", f.name());
                } else {
                    node.put("name", f.name().substring(namespace.length() + 2)).put("namespace", namespace);
                }
            }
        }
        return node;
    }

    static ObjectNode textPart(String text) {
        ObjectNode part = Json.object().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    static ObjectNode refusalPart(String refusal) {
        return Json.object().put("type", "refusal").put("refusal", refusal);
    }

    /** {@code incomplete_details.reason} for a stop that cut the answer short, else null. */
    static String incompleteReason(FinishReason finish) {
        if (finish == null) {
            return null;
        }
        return switch (finish.wireName()) {
            case "length" -> "max_output_tokens";
            case "content_filter" -> "content_filter";
            default -> null;
        };
    }

    /** The code a failed Response's {@code error} carries: Gatehouse's own code, else a server error. */
    static String errorCode(GatewayException failure) {
        return failure.code() != null ? failure.code() : "server_error";
    }

    /** Canonical usage in the Responses API's terms; zeros when the upstream reported none. */
    static ObjectNode usage(Usage usage) {
        Usage u = usage == null ? Usage.of(0, 0) : usage;
        ObjectNode node = Json.object().put("input_tokens", u.promptTokens());
        // Both details are required by the reference's ResponseUsage (the official SDKs refuse a usage
        // without cache_write_tokens).
        node.putObject("input_tokens_details").put("cached_tokens", u.cachedTokens() == null ? 0 : u.cachedTokens())
                .put("cache_write_tokens", u.cacheWriteTokens() == null ? 0 : u.cacheWriteTokens());
        node.put("output_tokens", u.completionTokens());
        node.putObject("output_tokens_details")
                .put("reasoning_tokens", u.reasoningTokens() == null ? 0 : u.reasoningTokens());
        node.put("total_tokens", u.totalTokens());
        return node;
    }

    private static ObjectNode envelope(ResponsesRequest request, String id, long createdAt, String status) {
        ObjectNode echo = request.echo();
        ObjectNode node = Json.object()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt)
                .put("status", status)
                .put("background", false);
        node.putNull("error");
        node.putNull("incomplete_details");
        if (request.instructions() == null) {
            node.putNull("instructions");
        } else {
            node.put("instructions", request.instructions());
        }
        node.set("max_output_tokens", echo.get("max_output_tokens"));
        node.set("max_tool_calls", echo.get("max_tool_calls"));
        node.put("model", request.model());
        node.set("parallel_tool_calls", echo.get("parallel_tool_calls"));
        if (request.previousResponseId() == null) {
            node.putNull("previous_response_id");
        } else {
            node.put("previous_response_id", request.previousResponseId());
        }
        node.set("reasoning", echo.get("reasoning").deepCopy());
        node.put("store", request.store());
        node.set("temperature", echo.get("temperature"));
        node.set("text", echo.get("text").deepCopy());
        node.set("tool_choice", echo.get("tool_choice").deepCopy());
        node.set("tools", echo.get("tools").deepCopy());
        node.set("top_logprobs", echo.get("top_logprobs"));
        node.set("top_p", echo.get("top_p"));
        node.set("truncation", echo.get("truncation"));
        node.set("user", echo.get("user"));
        node.set("metadata", echo.get("metadata").deepCopy());
        return node;
    }
}
