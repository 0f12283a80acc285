package dev.gatehouse.provider.mock;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What the mock provider answers, as pure functions of the request:
 *
 * <ul>
 *   <li>text: {@code "Hello from Gatehouse's mock provider. You said: <last user text>"};
 *   <li>a JSON response format: {@code {"echo": "<last user text>"}};
 *   <li>tools with {@code tool_choice} {@code required} or a named function: one call of that
 *       function (the first tool for {@code required}) with {@code {}} as arguments;
 *   <li>a last user message {@code mock:error:<status>} (400, 401, 403, 404, 429, 500, 503,
 *       529): that failure, as a real provider would report it (429 with a one-second retry hint).
 * </ul>
 *
 * Usage is estimated at four characters a token, and the response id is derived from the
 * request, so the same request always gets the same answer.
 */
final class MockAnswers {

    private static final String ERROR_PREFIX = "mock:error:";

    private MockAnswers() {}

    static void failIfAsked(ChatRequest request) {
        String text = MockProvider.lastUserText(request).strip();
        if (!text.startsWith(ERROR_PREFIX)) {
            return;
        }
        String status = text.substring(ERROR_PREFIX.length());
        String why = "the mock provider was asked to fail with " + status;
        throw switch (status) {
            case "400" -> new GatewayException.BadRequest(why, null);
            case "401" -> new GatewayException.Authentication(why, null);
            case "403" -> new GatewayException.PermissionDenied(why, null);
            case "404" -> new GatewayException.NotFound(why, null, "model_not_found", null);
            case "429" -> new GatewayException.RateLimited(why, Duration.ofSeconds(1), false, null);
            case "500", "503", "529" -> new GatewayException.UpstreamServerError(why, Integer.parseInt(status), null);
            default -> new GatewayException.BadRequest("The mock provider can fail with 400, 401, 403, 404, 429, "
                    + "500, 503 or 529, not '" + status + "'.", "messages");
        };
    }

    static ChatResponse answer(ChatRequest request) {
        Message.Assistant message;
        FinishReason reason;
        ToolCall call = toolCall(request);
        if (call != null) {
            message = new Message.Assistant(null, List.of(call), null, null, null);
            reason = FinishReason.TOOL_CALLS;
        } else {
            message = Message.Assistant.of(text(request));
            reason = FinishReason.STOP;
        }
        return new ChatResponse(id(request), 0, request.model(), List.of(new ChatResponse.Choice(0, message, reason)),
                usage(request, message), null);
    }

    static List<ChatChunk> chunks(ChatRequest request) {
        ChatResponse whole = answer(request);
        ChatResponse.Choice choice = whole.choices().getFirst();
        String id = whole.id();
        List<ChatChunk> chunks = new ArrayList<>();
        chunks.add(chunk(id, request, ChatChunk.Delta.role("assistant"), null));
        if (choice.message().toolCalls().isEmpty()) {
            for (String piece : choice.message().content().split("(?<= )")) {
                chunks.add(chunk(id, request, ChatChunk.Delta.content(piece), null));
            }
        } else {
            ToolCall call = choice.message().toolCalls().getFirst();
            chunks.add(chunk(id, request, ChatChunk.Delta.toolCall(
                    new ChatChunk.ToolCallDelta(0, call.id(), call.name(), call.arguments())), null));
        }
        chunks.add(chunk(id, request, ChatChunk.Delta.EMPTY, choice.finishReason()));
        if (request.includeUsage()) {
            chunks.add(new ChatChunk(id, 0, request.model(), List.of(), whole.usage()));
        }
        return chunks;
    }

    private static ChatChunk chunk(String id, ChatRequest request, ChatChunk.Delta delta, FinishReason reason) {
        return new ChatChunk(id, 0, request.model(), List.of(new ChatChunk.Choice(0, delta, reason)), null);
    }

    private static String text(ChatRequest request) {
        String said = MockProvider.lastUserText(request);
        if (said.length() > 200) {
            said = said.substring(0, 200);
        }
        if (request.responseFormat() instanceof ResponseFormat.JsonObject
                || request.responseFormat() instanceof ResponseFormat.JsonSchema) {
            return Json.text(Json.object().put("echo", said));
        }
        return "Hello from Gatehouse's mock provider. You said: " + said;
    }

    private static ToolCall toolCall(ChatRequest request) {
        if (request.tools().isEmpty()) {
            return null;
        }
        String name = switch (request.toolChoice()) {
            case ToolChoice.Required r -> request.tools().getFirst().name();
            case ToolChoice.Function f -> request.tools().stream().map(Tool::name).filter(f.name()::equals)
                    .findFirst().orElseThrow(() -> new GatewayException.BadRequest("tool_choice names '" + f.name()
                            + "', which is not among the tools.", "tool_choice"));
            case null, default -> null;
        };
        return name == null ? null : new ToolCall("call_" + id(request).substring(5, 17), name, "{}");
    }

    private static Usage usage(ChatRequest request, Message.Assistant answer) {
        int promptChars = 0;
        for (Message message : request.messages()) {
            promptChars += Json.text(dev.gatehouse.api.wire.MessagesJson.write(List.of(message))).length();
        }
        int completionChars = answer.content() != null ? answer.content().length()
                : answer.toolCalls().stream().mapToInt(c -> c.name().length() + c.arguments().length()).sum();
        return Usage.of(Math.max(1, promptChars / 4), Math.max(1, completionChars / 4));
    }

    /** A response id derived from the request, so that equal requests get equal answers. */
    private static String id(ChatRequest request) {
        byte[] digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Json.bytes(dev.gatehouse.api.wire.ChatRequestJson.write(request)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        return "mock-" + HexFormat.of().formatHex(digest, 0, 12);
    }
}
