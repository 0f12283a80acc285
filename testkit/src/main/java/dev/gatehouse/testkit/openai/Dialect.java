package dev.gatehouse.testkit.openai;

import java.util.Set;

/**
 * How one member of the OpenAI-compatible family departs from OpenAI, as far as the fake
 * checks and answers: its path prefix, whether it wants a key, the request fields it accepts
 * beyond OpenAI's or refuses among them, and where it puts stream usage.
 *
 * @param name              for messages
 * @param pathPrefix        the API root's path ({@code /v1}, Groq's {@code /openai/v1})
 * @param requiresKey       refuse requests without the right bearer key
 * @param extraParams       fields accepted in addition to OpenAI's
 * @param refusedParams     OpenAI fields this upstream refuses with a 400
 * @param usageOnLastChunk  send usage on the last regular chunk, unasked, instead of honouring
 *                          {@code stream_options} (Mistral)
 * @param azure             Azure OpenAI's addresses and key header (see {@link FakeOpenAi}): deployment paths
 *                          with {@code api-version}, or the v1 path; the key in {@code api-key}; prompt filter
 *                          results first in a stream, content filter results on every choice
 */
public record Dialect(String name, String pathPrefix, boolean requiresKey, Set<String> extraParams,
        Set<String> refusedParams, boolean usageOnLastChunk, boolean azure) {

    public Dialect(String name, String pathPrefix, boolean requiresKey, Set<String> extraParams,
            Set<String> refusedParams, boolean usageOnLastChunk) {
        this(name, pathPrefix, requiresKey, extraParams, refusedParams, usageOnLastChunk, false);
    }

    public static final Dialect OPENAI = new Dialect("OpenAI", "/v1", true, Set.of(), Set.of(), false);
    public static final Dialect XAI = new Dialect("xAI", "/v1", true, Set.of(), Set.of(), false);
    public static final Dialect MISTRAL = new Dialect("Mistral", "/v1", true, Set.of("random_seed", "safe_prompt"),
            Set.of("seed", "stream_options"), true);
    public static final Dialect GROQ = new Dialect("Groq", "/openai/v1", true,
            Set.of("reasoning_effort", "reasoning_format"), Set.of("logprobs", "logit_bias", "top_logprobs"), false);
    public static final Dialect DEEPSEEK = new Dialect("DeepSeek", "", true, Set.of(), Set.of(), false);
    public static final Dialect OLLAMA = new Dialect("Ollama", "/v1", false, Set.of(), Set.of(), false);
    /** Azure OpenAI; its base URL is the resource's root, the paths are under /openai. */
    public static final Dialect AZURE = new Dialect("Azure OpenAI", "", true, Set.of(), Set.of(), false, true);
}
