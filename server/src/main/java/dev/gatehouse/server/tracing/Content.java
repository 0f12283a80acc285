package dev.gatehouse.server.tracing;

import dev.gatehouse.secret.Redaction;
import java.util.function.Supplier;

/**
 * Prompts and completions as traces hold them when {@code capture_content: true}: every
 * credential redacted, then cut to {@link #MAX_CHARS} characters (docs/observability.md). Never
 * read otherwise.
 */
final class Content {

    /** The most characters of a prompt or a completion a span holds. */
    static final int MAX_CHARS = 4096;
    private static final String CUT = "…[truncated]";

    private Content() {}

    /** The text {@code source} gives, redacted and truncated; null when there is none. */
    static String captured(Supplier<String> source) {
        if (source == null) {
            return null;
        }
        String text = source.get();
        if (text == null) {
            return null;
        }
        // Cut before redacting only far past the bound, so that redaction's cost stays bounded
        // and a key the first cut splits lies beyond what the second keeps.
        String head = text.length() > 4 * MAX_CHARS ? text.substring(0, 4 * MAX_CHARS) : text;
        String redacted = Redaction.redact(head);
        return redacted.length() > MAX_CHARS || head.length() < text.length()
                ? redacted.substring(0, Math.min(MAX_CHARS, redacted.length())) + CUT : redacted;
    }
}
