package dev.gatehouse.provider;

/**
 * One of LiteLLM's model prefixes ({@code anthropic/claude-…}) and how Gatehouse serves an entry
 * under it: the provider id, the upstream model's name, and whether the address needs {@code /v1}.
 */
public interface LiteLlmPrefix {

    String prefix();

    /** The Gatehouse provider id; {@code apiBaseHost} is the host of the entry's api_base, or null. */
    String provider(String apiBaseHost);

    /** The upstream model of {@code prefix/rest}. */
    default String upstreamModel(String rest) {
        return rest;
    }

    /** Whether Gatehouse calls api_base + "/v1" where LiteLLM calls api_base itself. */
    default boolean appendsV1() {
        return false;
    }

    /** A prefix that is one provider, the model named as written. */
    static LiteLlmPrefix of(String prefix, String provider) {
        return new Plain(prefix, provider, false);
    }

    /** A prefix whose server Gatehouse calls at api_base + "/v1". */
    static LiteLlmPrefix withV1(String prefix, String provider) {
        return new Plain(prefix, provider, true);
    }

    record Plain(String prefix, String id, boolean appendsV1) implements LiteLlmPrefix {
        @Override
        public String provider(String apiBaseHost) {
            return id;
        }
    }
}
