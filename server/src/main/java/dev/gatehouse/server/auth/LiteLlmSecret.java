package dev.gatehouse.server.auth;

/**
 * LiteLLM's virtual keys, {@code sk-…}, as brought over by {@code gatehouse migrate litellm}:
 * LiteLLM stores the SHA-256 hex of the whole key, the same function as {@link KeyFormat#hash}
 * (its {@code hash_token} in {@code litellm/proxy/_types.py}, https://github.com/BerriAI/litellm),
 * so the imported hash opens the Gatehouse key for the same secret. They carry no checksum, so
 * {@link Authenticator} only looks one up while imported secrets can still be valid.
 */
public final class LiteLlmSecret {

    /** The {@code key_hashes.origin} of an imported LiteLLM secret. */
    public static final String ORIGIN = "litellm";
    private static final int MIN_LENGTH = 8;
    private static final int MAX_LENGTH = 256;

    private LiteLlmSecret() {}

    /**
     * Whether {@code text} has the form of a LiteLLM key: {@code sk-} and printable ASCII. LiteLLM
     * generates {@code sk-} and 22 URL-safe characters, but an admin may choose the rest.
     */
    public static boolean looksLike(String text) {
        if (text == null || text.length() < MIN_LENGTH || text.length() > MAX_LENGTH || !text.startsWith("sk-")) {
            return false;
        }
        return text.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
