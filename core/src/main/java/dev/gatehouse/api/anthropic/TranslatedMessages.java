package dev.gatehouse.api.anthropic;

import dev.gatehouse.api.ChatRequest;
import java.util.List;

/**
 * A Messages request read into the canonical chat request, and the paths of the caller's fields
 * that the translation left out because they only steer Anthropic's own platform (prompt
 * caching, context management, beta settings): the server names them in
 * {@code x-gatehouse-dropped}, so nothing is lost in silence.
 *
 * @param request the canonical request
 * @param dropped the dropped fields' paths ({@code context_management}, {@code system[0].cache_control}),
 *                top-level fields first
 */
public record TranslatedMessages(ChatRequest request, List<String> dropped) {
    public TranslatedMessages {
        dropped = List.copyOf(dropped);
    }
}
