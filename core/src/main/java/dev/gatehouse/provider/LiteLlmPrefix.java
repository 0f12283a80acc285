package dev.gatehouse.provider;

import java.util.function.UnaryOperator;

/**
 * One of LiteLLM's model prefixes ({@code anthropic/claude-…}) and how Gatehouse serves an entry
 * under it.
 *
 * @param prefix      the prefix, without its slash
 * @param byHost      the Gatehouse provider id, from the host of the entry's api_base (null when it has none)
 * @param modelNaming the upstream model of {@code prefix/rest}, from {@code rest}
 * @param appendsV1   whether Gatehouse calls api_base + "/v1" where LiteLLM calls api_base itself
 */
public record LiteLlmPrefix(String prefix, UnaryOperator<String> byHost, UnaryOperator<String> modelNaming,
        boolean appendsV1) {

    /** A prefix that is one provider, the model named as written. */
    public static LiteLlmPrefix of(String prefix, String provider) {
        return new LiteLlmPrefix(prefix, host -> provider, UnaryOperator.identity(), false);
    }

    /** A prefix whose server Gatehouse calls at api_base + "/v1". */
    public static LiteLlmPrefix withV1(String prefix, String provider) {
        return new LiteLlmPrefix(prefix, host -> provider, UnaryOperator.identity(), true);
    }

    /** The Gatehouse provider id; {@code apiBaseHost} is the host of the entry's api_base, or null. */
    public String provider(String apiBaseHost) {
        return byHost.apply(apiBaseHost);
    }

    /** The upstream model of {@code prefix/rest}. */
    public String upstreamModel(String rest) {
        return modelNaming.apply(rest);
    }
}
