package dev.gatehouse.secret;

import java.util.regex.Pattern;

/**
 * Removes credentials from text before it can reach a log or an error message: provider key
 * formats, bearer tokens, and key-like header or query values.
 */
public final class Redaction {

    private static final String MASK = "[REDACTED]";

    private static final Pattern[] PATTERNS = {
        // OpenAI, Anthropic, OpenRouter, Groq, xAI keys: prefix + long token.
        Pattern.compile("\\b(?:sk|gsk|xai|gh[ops]|gk)[-_][A-Za-z0-9_\\-]{16,}"),
        // Gatehouse's own virtual and admin keys (gtw_vk_…, gtw_ak_…), whole or cut short.
        Pattern.compile("\\bgtw_(?:vk|ak)_[A-Za-z0-9_\\-]{4,}"),
        // Google API keys.
        Pattern.compile("\\bAIza[0-9A-Za-z_\\-]{30,}"),
        // AWS access key ids.
        Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b"),
        // Authorization: Bearer <token>, in headers or echoed text.
        Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=\\-]{8,}"),
        // A bare key query parameter (Google's ?key=), not a word ending in "key".
        Pattern.compile("([?&]key=)[^&\\s\"']{4,}"),
        // key=value and "key": "value" forms for names that carry secrets.
        Pattern.compile("(?i)((?:api[_-]?key|x-api-key|x-goog-api-key|x-key|access[_-]?token|secret|password)"
                + "[\"']?\\s*[:=]\\s*[\"']?)[^\"'&\\s,}]{4,}"),
    };

    private Redaction() {}

    /**
     * The text with every credential this process holds, and every credential-looking span,
     * replaced by {@code [REDACTED]}.
     */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String known : Secret.knownValues()) {
            if (out.contains(known)) {
                out = out.replace(known, MASK);
            }
        }
        for (Pattern pattern : PATTERNS) {
            out = pattern.matcher(out).replaceAll(match ->
                    match.groupCount() >= 1 && match.group(1) != null ? java.util.regex.Matcher.quoteReplacement(match.group(1)) + MASK : MASK);
        }
        return out;
    }
}
