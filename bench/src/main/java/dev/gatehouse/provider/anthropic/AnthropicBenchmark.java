package dev.gatehouse.provider.anthropic;

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
 * Anthropic's hot paths: the Messages request (mapped and serialized), the answer read into a
 * ChatResponse, and a 20-token stream decoded into OpenAI chunks. The bodies follow
 * https://docs.anthropic.com/en/api/messages and https://docs.anthropic.com/en/docs/build-with-claude/streaming.
 * In this package because the mappers are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AnthropicBenchmark {
    private static final byte[] RESPONSE = ("{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"claude-sonnet-4-5-20250929\",\"content\":[{\"type\":\"text\","
            + "\"text\":\"Lyon is cloudy today, 17 degrees, with light wind from the north.\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":62,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":0,\"output_tokens\":17,"
            + "\"service_tier\":\"standard\"}}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] STREAM = stream();

    private ChatRequest request;
    private Deployment deployment;

    @Setup
    public void setUp() {
        request = Payloads.request(false);
        deployment = Deployment.builder("bench-model", "anthropic").upstreamModel("claude-sonnet-4-5").build();
    }

    @Benchmark
    public byte[] requestMapping() {
        return Json.bytes(AnthropicRequestMapper.toAnthropic(request, deployment));
    }

    @Benchmark
    public Object responseMapping() {
        return AnthropicResponseMapper.toChatResponse(Json.parseUpstream(RESPONSE, "Anthropic"), 1741569952L);
    }

    @Benchmark
    public void streamDecoding(Blackhole bh) {
        try (ChatStream chunks = new SseChatStream(Payloads.response(STREAM), new AnthropicStreamDecoder(true, 1741569952L))) {
            chunks.forEachRemaining(bh::consume);
        }
    }

    private static byte[] stream() {
        List<String[]> events = new ArrayList<>();
        events.add(new String[] {"message_start", "{\"type\":\"message_start\",\"message\":{\"id\":"
                + "\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],"
                + "\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":62,\"output_tokens\":1}}}"});
        events.add(new String[] {"content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"});
        events.add(new String[] {"ping", "{\"type\": \"ping\"}"});
        for (int i = 0; i < Payloads.STREAM_TOKENS; i++) {
            events.add(new String[] {"content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\" token\"}}"});
        }
        events.add(new String[] {"content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"});
        events.add(new String[] {"message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":20}}"});
        events.add(new String[] {"message_stop", "{\"type\":\"message_stop\"}"});
        return Payloads.sse(events);
    }
}
