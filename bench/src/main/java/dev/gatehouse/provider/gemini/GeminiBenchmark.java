package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.bench.jmh.Payloads;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * Gemini's hot paths: the generateContent request (mapped and serialized), the answer read
 * into a ChatResponse, and a 20-token streamGenerateContent?alt=sse stream decoded into OpenAI
 * chunks. The bodies follow https://ai.google.dev/api/generate-content. In this package
 * because the mappers are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GeminiBenchmark {
    private static final byte[] RESPONSE = ("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":"
            + "\"Lyon is cloudy today, 17 degrees, with light wind from the north.\"}],\"role\":\"model\"},"
            + "\"finishReason\":\"STOP\",\"avgLogprobs\":-0.12,\"index\":0}],\"usageMetadata\":{"
            + "\"promptTokenCount\":62,\"candidatesTokenCount\":17,\"totalTokenCount\":79,"
            + "\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":62}]},"
            + "\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"m3vMaOqYFZ2x1MkP7a2u8Ak\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = stream();

    private ChatRequest request;
    private Deployment deployment;

    @Setup
    public void setUp() {
        request = Payloads.request(false);
        deployment = Deployment.builder("bench-model", "gemini").upstreamModel("gemini-2.5-flash").build();
    }

    @Benchmark
    public byte[] requestMapping() {
        return Json.bytes(GeminiRequestMapper.toGemini(request, deployment));
    }

    @Benchmark
    public Object responseMapping() {
        return GeminiResponseMapper.toChatResponse(Json.parseUpstream(RESPONSE, "Gemini"), "gemini-2.5-flash",
                1741569952L);
    }

    @Benchmark
    public void streamDecoding(Blackhole bh) {
        try (ChatStream chunks = new SseChatStream(Payloads.response(STREAM),
                new GeminiStreamDecoder("gemini-2.5-flash", true, 1741569952L))) {
            chunks.forEachRemaining(bh::consume);
        }
    }

    private static byte[] stream() {
        List<String[]> events = new ArrayList<>();
        for (int i = 0; i < Payloads.STREAM_TOKENS; i++) {
            boolean last = i == Payloads.STREAM_TOKENS - 1;
            events.add(new String[] {null, "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" token\"}],"
                    + "\"role\":\"model\"}" + (last ? ",\"finishReason\":\"STOP\"" : "") + ",\"index\":0}],"
                    + "\"usageMetadata\":{\"promptTokenCount\":62,\"candidatesTokenCount\":" + (i + 1)
                    + ",\"totalTokenCount\":" + (63 + i) + "},\"modelVersion\":\"gemini-2.5-flash\","
                    + "\"responseId\":\"m3vMaOqYFZ2x1MkP7a2u8Ak\"}"});
        }
        return Payloads.sse(events);
    }
}
