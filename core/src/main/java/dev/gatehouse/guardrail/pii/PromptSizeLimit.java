package dev.gatehouse.guardrail.pii;

import java.util.Optional;

/**
 * The largest prompt a policy lets through, in characters (of every text the request sends,
 * counted before any masking) and in tokens (the request's input tokens as Gatehouse estimates
 * them for admission). Either bound may be absent ({@code 0}). It exists apart from the
 * model's own context window: a team can keep prompts far smaller, to bound cost or to stop
 * whole documents being pasted in.
 */
public record PromptSizeLimit(long maxCharacters, long maxTokens) {

    /** What went over: {@code "characters"} or {@code "tokens"}, the limit and the prompt's size. */
    public record Exceeded(String measure, long limit, long actual) {
        /** The error message a caller sees; it names sizes only, never the prompt. */
        public String message() {
            return "the prompt has " + actual + " " + measure + "; this key's guardrail allows at most " + limit;
        }
    }

    public PromptSizeLimit {
        if (maxCharacters < 0 || maxTokens < 0) {
            throw new IllegalArgumentException("prompt size limits are 0 (none) or more");
        }
    }

    /** The first bound the prompt goes over, characters first, or empty. */
    public Optional<Exceeded> check(long characters, long tokens) {
        if (maxCharacters > 0 && characters > maxCharacters) {
            return Optional.of(new Exceeded("characters", maxCharacters, characters));
        }
        if (maxTokens > 0 && tokens > maxTokens) {
            return Optional.of(new Exceeded("tokens", maxTokens, tokens));
        }
        return Optional.empty();
    }
}
