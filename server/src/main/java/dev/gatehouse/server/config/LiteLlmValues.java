package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.function.Function;

/**
 * LiteLLM's way of naming values: {@code os.environ/NAME} for a value read from the environment.
 * A credential's reference becomes Gatehouse's {@code env:NAME}, resolved with every other
 * credential; a plain setting is read here.
 */
final class LiteLlmValues {

    static final String ENV = "os.environ/";

    private LiteLlmValues() {}

    /** LiteLLM's os.environ/NAME is Gatehouse's env:NAME; every other value is read as Gatehouse reads it. */
    static Located reference(Located at) {
        if (at.value().isTextual() && at.value().textValue().startsWith(ENV)) {
            return at.with(TextNode.valueOf("env:" + at.value().textValue().substring(ENV.length())));
        }
        return at;
    }

    /**
     * A plain setting as text: a string (os.environ/NAME read from {@code env}) or a number; null
     * when absent, of another type, or naming an unset variable. Reports nothing: the caller says
     * what it needed.
     */
    static String text(Located at, Function<String, String> env) {
        if (at.value().isNumber()) {
            return at.value().asText();
        }
        if (!at.value().isTextual()) {
            return null;
        }
        String text = at.value().textValue();
        if (!text.startsWith(ENV)) {
            return text.strip();
        }
        String value = env.apply(text.substring(ENV.length()));
        return value == null || value.isBlank() ? null : value.strip();
    }
}
