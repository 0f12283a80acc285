package dev.gatehouse.api;

/**
 * Token counts of one request. {@code promptTokens} includes cached input; {@code cachedTokens}
 * (input read from a prompt cache), {@code cacheWriteTokens} (input written to one, Anthropic)
 * and {@code reasoningTokens} (part of the completion) are null when the provider does not say.
 */
public record Usage(int promptTokens, int completionTokens, Integer cachedTokens, Integer cacheWriteTokens,
        Integer reasoningTokens) {

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, null, null, null);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
