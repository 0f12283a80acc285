package dev.gatehouse.server.logging;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * A record as one JSON object on one line: {@code timestamp}, {@code level}, {@code logger},
 * {@code message}, then every field as a key of its own (numbers and booleans as such). Jackson
 * writes it, so every string is escaped and every line parses.
 */
final class JsonLine implements LineFormat {

    @Override
    public String line(LogEntry entry) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("timestamp", entry.timestamp());
            json.writeStringField("level", entry.level());
            json.writeStringField("logger", entry.logger());
            json.writeStringField("message", entry.message());
            for (var field : entry.fields().entrySet()) {
                json.writeFieldName(field.getKey());
                write(json, field.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case Boolean b -> json.writeBoolean(b);
            case Integer i -> json.writeNumber(i);
            case Long l -> json.writeNumber(l);
            case BigDecimal d -> json.writeNumber(d.toPlainString());
            case Double d when Double.isFinite(d) -> json.writeNumber(d);
            default -> json.writeString(String.valueOf(value));
        }
    }
}
