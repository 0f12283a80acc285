package dev.gatehouse.server.logging;

/** Writes one log entry as one line, without its line break: as JSON or as text. */
sealed interface LineFormat permits JsonLine, TextLine {

    String line(LogEntry entry);

    static LineFormat of(LogFormat format) {
        return switch (format) {
            case JSON -> new JsonLine();
            case TEXT -> new TextLine();
        };
    }
}
