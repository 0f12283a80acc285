package dev.gatehouse.server.guardrail.webhook;

import java.util.Objects;

/**
 * One text the webhook looks at, named by where it sits in the request or answer (for
 * instance {@code messages[2].content[0].text}), so that a modified text can be put back in
 * its place. The path is the caller's (the pipeline stage's) choice; the webhook only carries it.
 */
public record WebhookText(String path, String text) {

    public WebhookText {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
    }

    /** Never the text itself: prompts do not belong in logs. */
    @Override
    public String toString() {
        return "WebhookText[" + path + ", " + text.length() + " chars]";
    }
}
