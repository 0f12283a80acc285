package dev.gatehouse.api;

/**
 * How many input tokens a request would use. {@code exact} is true when the provider counted
 * them itself (Anthropic's count_tokens), false when Gatehouse estimated them (see
 * {@link dev.gatehouse.provider.TokenEstimator}).
 */
public record TokenCount(int inputTokens, boolean exact) {}
