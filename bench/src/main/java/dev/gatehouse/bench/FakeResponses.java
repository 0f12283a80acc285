package dev.gatehouse.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The fake upstream's answers, built once: a chat.completion with its head, and the pieces of a
 * chunked SSE stream (its head, one content chunk, and the tail: a final chunk with usage,
 * {@code [DONE]} and the chunked encoding's end), in OpenAI's chat format.
 */
final class FakeResponses {
    private static final byte[] PLAIN_BODY = ascii("{\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion\","
            + "\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello from the fake upstream.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":6,\"total_tokens\":11}}");
    static final byte[] PLAIN = concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + PLAIN_BODY.length + "\r\n\r\n"), PLAIN_BODY);
    static final byte[] STREAM_HEAD = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Cache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n");
    static final byte[] CHUNK = chunk("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok \"},"
            + "\"finish_reason\":null}]}\n\n");
    static final byte[] TAIL = concat(chunk("data: {\"id\":\"chatcmpl-fake\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":20,\"total_tokens\":25}}\n\n"),
            chunk("data: [DONE]\n\n"), ascii("0\r\n\r\n"));

    private FakeResponses() {
    }

    /** A whole stream of {@code chunks} content chunks with no pause: one write. */
    static byte[] instantStream(int chunks) {
        byte[][] parts = new byte[chunks + 2][];
        parts[0] = STREAM_HEAD;
        for (int i = 0; i < chunks; i++) {
            parts[i + 1] = CHUNK;
        }
        parts[chunks + 1] = TAIL;
        return concat(parts);
    }

    private static byte[] chunk(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return ascii(Integer.toHexString(bytes.length) + "\r\n" + data + "\r\n");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
