package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The delta events of a stream relayed as its upstream wrote it, kept unparsed: their text is
 * read only when it has to be counted, because the caller left before the upstream's final usage
 * came. Most streams never need it, so no delta is parsed on the way through. Past
 * {@link #MAX_KEPT_CHARS} of kept events, they are read into text, so a long stream keeps its
 * text rather than every event's JSON around it.
 */
final class StreamedDeltas {

    private static final int MAX_KEPT_CHARS = 256 * 1024;

    private final String upstream;
    private final BiConsumer<JsonNode, StringBuilder> textOf;
    private final List<String> kept = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int keptChars;

    /**
     * @param upstream what the stream is, for errors in its JSON
     * @param textOf   appends the text one parsed delta event carries
     */
    StreamedDeltas(String upstream, BiConsumer<JsonNode, StringBuilder> textOf) {
        this.upstream = upstream;
        this.textOf = textOf;
    }

    /** Keeps a delta event's data, unparsed. */
    void add(String data) {
        kept.add(data);
        keptChars += data.length();
        if (keptChars > MAX_KEPT_CHARS) {
            read();
        }
    }

    /** The text every delta so far carried. */
    String text() {
        read();
        return text.toString();
    }

    private void read() {
        for (String data : kept) {
            textOf.accept(Json.parseUpstream(data, upstream), text);
        }
        kept.clear();
        keptChars = 0;
    }
}
