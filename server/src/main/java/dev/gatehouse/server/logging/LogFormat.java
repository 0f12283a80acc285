package dev.gatehouse.server.logging;

/** How each log record is written: one JSON object per line, or one line of text. */
public enum LogFormat {
    JSON,
    TEXT;

    /** The name the configuration uses: {@code json}, {@code text}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
