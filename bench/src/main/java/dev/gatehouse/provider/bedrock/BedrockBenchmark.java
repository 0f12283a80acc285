package dev.gatehouse.provider.bedrock;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.bench.jmh.Payloads;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Bedrock's hot paths: the Converse request (mapped and serialized; the SigV4 signature is not
 * included), the Converse answer read into a ChatResponse, and a 20-token ConverseStream
 * (AWS event-stream framing, CRC-checked) decoded into OpenAI chunks. The bodies follow
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html. In this
 * package because the mappers are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BedrockBenchmark {
    private static final String MODEL = "anthropic.claude-3-5-haiku-20241022-v1:0";
    private static final byte[] RESPONSE = ("{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{"
            + "\"text\":\"Lyon is cloudy today, 17 degrees, with light wind from the north.\"}]}},"
            + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":62,\"outputTokens\":17,"
            + "\"totalTokens\":79},\"metrics\":{\"latencyMs\":412}}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = stream();

    private ChatRequest request;
    private Deployment deployment;

    @Setup
    public void setUp() {
        request = Payloads.request(false);
        deployment = Deployment.builder("bench-model", "bedrock").upstreamModel(MODEL).build();
    }

    @Benchmark
    public byte[] requestMapping() {
        return Json.bytes(BedrockRequestMapper.toConverse(request, deployment));
    }

    @Benchmark
    public Object responseMapping() {
        return BedrockResponseMapper.toChatResponse(Json.parseUpstream(RESPONSE, "Bedrock"), "chatcmpl-bench", MODEL,
                1741569952L);
    }

    @Benchmark
    public void streamDecoding(Blackhole bh) {
        try (ChatStream chunks = new BedrockChatStream(Payloads.response(STREAM),
                new BedrockStreamDecoder("chatcmpl-bench", MODEL, 1741569952L, true))) {
            chunks.forEachRemaining(bh::consume);
        }
    }

    private static byte[] stream() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // Real messages carry a "p" member of random padding; a fixed one keeps the size.
        event(out, "messageStart", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW\",\"role\":\"assistant\"}");
        for (int i = 0; i < Payloads.STREAM_TOKENS; i++) {
            event(out, "contentBlockDelta", "{\"contentBlockIndex\":0,\"delta\":{\"text\":\" token\"},"
                    + "\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS\"}");
        }
        event(out, "contentBlockStop", "{\"contentBlockIndex\":0,\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGH\"}");
        event(out, "messageStop", "{\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP\",\"stopReason\":\"end_turn\"}");
        event(out, "metadata", "{\"metrics\":{\"latencyMs\":412},\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEF\","
                + "\"usage\":{\"inputTokens\":62,\"outputTokens\":20,\"totalTokens\":82}}");
        return out.toByteArray();
    }

    private static void event(ByteArrayOutputStream out, String type, String payload) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(":event-type", type);
        headers.put(":content-type", "application/json");
        headers.put(":message-type", "event");
        Payloads.eventStreamMessage(out, headers, payload);
    }
}
