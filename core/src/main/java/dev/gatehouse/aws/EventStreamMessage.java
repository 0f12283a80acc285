package dev.gatehouse.aws;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One message of an {@code application/vnd.amazon.eventstream} body: its headers, in the order
 * they came, and its payload. For AWS services, {@code :message-type} is {@code event} or
 * {@code exception}, and {@code :event-type} or {@code :exception-type} names the member.
 */
public record EventStreamMessage(Map<String, HeaderValue> headers, byte[] payload) {

    public EventStreamMessage {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** A string header's value; null when absent or not a string. */
    public String text(String name) {
        return headers.get(name) instanceof HeaderValue.Text text ? text.value() : null;
    }

    public String payloadText() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EventStreamMessage m && headers.equals(m.headers)
                && java.util.Arrays.equals(payload, m.payload);
    }

    @Override
    public int hashCode() {
        return headers.hashCode() * 31 + java.util.Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "EventStreamMessage[headers=" + headers + ", payload=" + payload.length + " bytes]";
    }
}
