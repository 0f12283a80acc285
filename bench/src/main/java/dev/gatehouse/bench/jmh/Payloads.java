package dev.gatehouse.bench.jmh;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The inputs of the micro-benchmarks: one typical caller request (a system prompt, three
 * turns, sampling parameters and one tool), and helpers for upstream bodies. Each provider's
 * benchmark holds its own upstream answers, written after that provider's documented format.
 */
public final class Payloads {
    /** The OpenAI chat request a caller sends (https://platform.openai.com/docs/api-reference/chat/create). */
    public static final byte[] REQUEST = ("{\"model\":\"bench-model\",\"messages\":["
            + "{\"role\":\"system\",\"content\":\"You are a helpful assistant. Answer briefly.\"},"
            + "{\"role\":\"user\",\"content\":\"What is the weather in Paris today?\"},"
            + "{\"role\":\"assistant\",\"content\":\"It is sunny and 21 degrees in Paris.\"},"
            + "{\"role\":\"user\",\"content\":\"Thanks. And in Lyon?\"}],"
            + "\"temperature\":0.7,\"max_tokens\":256,"
            + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
            + "\"description\":\"The current weather in a city\",\"parameters\":{\"type\":\"object\","
            + "\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}}}]}")
            .getBytes(StandardCharsets.UTF_8);

    /** How many content deltas each benchmarked stream carries (besides its opening and closing events). */
    public static final int STREAM_TOKENS = 20;

    private Payloads() {
    }

    /** The caller's request as the front door reads it. */
    public static ChatRequest request(boolean stream) {
        ChatRequest request = ChatRequestJson.read(Json.parseUpstream(REQUEST, "bench"));
        return request.toBuilder().stream(stream).build();
    }

    /** An upstream answer with this body, as a transport hands it to a provider. */
    public static UpstreamResponse response(byte[] body) {
        return new UpstreamResponse(200, Map.of(), new ByteArrayInputStream(body));
    }

    /** SSE events ({@code event:} line when the name is not null) followed by their data. */
    public static byte[] sse(List<String[]> events) {
        StringBuilder sb = new StringBuilder();
        for (String[] e : events) {
            if (e[0] != null) {
                sb.append("event: ").append(e[0]).append('\n');
            }
            sb.append("data: ").append(e[1]).append("\n\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One AWS event-stream message with string headers, as Bedrock's ConverseStream sends them:
     * prelude (total and headers length, CRC32), headers, payload, CRC32 of all before it
     * (https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html).
     */
    public static void eventStreamMessage(ByteArrayOutputStream out, Map<String, String> headers, String payload) {
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        headers.forEach((name, value) -> {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            h.write(n.length);
            h.writeBytes(n);
            h.write(7); // string
            h.write(v.length >> 8);
            h.write(v.length & 0xff);
            h.writeBytes(v);
        });
        byte[] hb = h.toByteArray();
        byte[] pb = payload.getBytes(StandardCharsets.UTF_8);
        int total = 16 + hb.length + pb.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.putInt(total).putInt(hb.length).putInt((int) crc(b.array(), 8));
        b.put(hb).put(pb);
        b.putInt((int) crc(b.array(), total - 4));
        out.writeBytes(b.array());
    }

    private static long crc(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }
}
