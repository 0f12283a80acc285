package dev.gatehouse.server.logging;

/**
 * A record as one line of text: {@code timestamp LEVEL logger message key=value…}, the pairs being
 * the request's ids and the exception (its stack trace, at debug, escaped onto the same line).
 * An access-log line is its fields alone after the logger's name.
 */
final class TextLine implements LineFormat {

    @Override
    public String line(LogEntry entry) {
        StringBuilder out = new StringBuilder(160).append(entry.timestamp()).append(' ')
                .append(entry.level()).append(' ')
                .append(TextValues.oneLine(entry.logger()));
        if (!entry.structured()) {
            out.append(' ').append(TextValues.oneLine(entry.message()));
        }
        entry.fields().forEach((key, value) ->
                out.append(' ').append(key).append('=').append(TextValues.quoted(LogFields.text(value))));
        return out.toString();
    }
}
