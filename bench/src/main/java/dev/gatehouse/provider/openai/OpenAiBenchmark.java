package dev.gatehouse.provider.openai;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.bench.jmh.Payloads;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.SseChatStream;
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
 * OpenAI's hot paths: the request as sent upstream (mapped and serialized), the upstream's
 * answer read into a ChatResponse, and a 20-token stream decoded into chunks. The bodies
 * follow https://platform.openai.com/docs/api-reference/chat/object and
 * https://platform.openai.com/docs/api-reference/chat-streaming/streaming. In this package
 * because the mappers are package-private.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OpenAiBenchmark {
    private static final byte[] RESPONSE = ("{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion\","
            + "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"choices\":[{\"index\":0,\"message\":{"
            + "\"role\":\"assistant\",\"content\":\"Lyon is cloudy today, 17 degrees, with light wind from the north.\","
            + "\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":62,\"completion_tokens\":17,\"total_tokens\":79,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},"
            + "\"completion_tokens_details\":{\"reasoning_tokens\":0,\"audio_tokens\":0,"
            + "\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}},"
            + "\"service_tier\":\"default\",\"system_fingerprint\":\"fp_3f58d112f7\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private static final byte[] STREAM = stream();

    private ChatRequest request;
    private Deployment deployment;

    @Setup
    public void setUp() {
        request = Payloads.request(false);
        deployment = Deployment.builder("bench-model", "openai").upstreamModel("gpt-4.1").build();
    }

    @Benchmark
    public byte[] requestMapping() {
        return Json.bytes(OpenAiRequestMapper.toUpstream(request, deployment, CompatibleProfiles.OPENAI));
    }

    @Benchmark
    public Object responseMapping() {
        return ChatResponseJson.read(Json.parseUpstream(RESPONSE, "OpenAI"), "OpenAI");
    }

    @Benchmark
    public void streamDecoding(Blackhole bh) {
        try (ChatStream chunks = new SseChatStream(Payloads.response(STREAM),
                new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, true))) {
            chunks.forEachRemaining(bh::consume);
        }
    }

    private static byte[] stream() {
        String head = "{\"id\":\"chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741569952,\"model\":\"gpt-4.1-2025-04-14\",\"service_tier\":\"default\","
                + "\"system_fingerprint\":\"fp_3f58d112f7\",";
        List<String[]> events = new ArrayList<>();
        events.add(new String[] {null, head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                + "\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"});
        for (int i = 0; i < Payloads.STREAM_TOKENS; i++) {
            events.add(new String[] {null, head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},"
                    + "\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}"});
        }
        events.add(new String[] {null, head + "\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,"
                + "\"finish_reason\":\"stop\"}],\"usage\":null}"});
        events.add(new String[] {null, head + "\"choices\":[],\"usage\":{\"prompt_tokens\":62,"
                + "\"completion_tokens\":20,\"total_tokens\":82}}"});
        events.add(new String[] {null, "[DONE]"});
        return Payloads.sse(events);
    }
}
