package dev.gatehouse.server.cache;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Whether a whole answer ended normally, and so may be cached: an answer cut by its token limit,
 * stopped by a content filter, paused or refused would be served again to every later caller,
 * and an error is never an answer. The finish reasons are each API's own (docs/cache.md,
 * "Storage", "What is cached").
 */
public final class NormalEnd {

    /** OpenAI's chat: the model stopped, or called tools. Not {@code length} nor {@code content_filter}. */
    private static final Set<String> CHAT = Set.of("stop", "tool_calls", "function_call");
    /** OpenAI's legacy completions: only {@code stop}. */
    private static final Set<String> COMPLETIONS = Set.of("stop");
    /**
     * Anthropic's Messages: not {@code max_tokens}, {@code model_context_window_exceeded} (both
     * truncated), {@code pause_turn} (to be continued) nor {@code refusal}, as Anthropic's "Stop
     * reasons" page (platform.claude.com/docs/en/build-with-claude/handling-stop-reasons) reads them.
     */
    private static final Set<String> MESSAGES = Set.of("end_turn", "stop_sequence", "tool_use");

    private NormalEnd() {}

    /** True when {@code answer}, the whole answer {@code route} writes, ended normally; false for routes never cached. */
    public static boolean of(String route, JsonNode answer) {
        // A Response says "error": null when it has none.
        if (answer == null || !answer.isObject() || answer.hasNonNull("error")) {
            return false;
        }
        return switch (route) {
            case "chat_completions" -> everyChoice(answer, CHAT);
            case "completions" -> everyChoice(answer, COMPLETIONS);
            case "messages" -> MESSAGES.contains(answer.path("stop_reason").asText(""));
            // The Responses API says "incomplete" (with a reason) or "failed" otherwise.
            case "responses" -> "completed".equals(answer.path("status").asText(""));
            case "embeddings" -> answer.path("data").isArray() && !answer.path("data").isEmpty();
            default -> false;
        };
    }

    private static boolean everyChoice(JsonNode answer, Set<String> normal) {
        JsonNode choices = answer.path("choices");
        if (!choices.isArray() || choices.isEmpty()) {
            return false;
        }
        for (JsonNode choice : choices) {
            if (!normal.contains(choice.path("finish_reason").asText(""))) {
                return false;
            }
        }
        return true;
    }
}
