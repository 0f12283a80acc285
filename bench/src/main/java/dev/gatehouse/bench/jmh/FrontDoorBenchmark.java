package dev.gatehouse.bench.jmh;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.wire.ChatChunkJson;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.api.wire.ChatResponseJson;
import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What every request pays at Gatehouse's OpenAI front door, whatever the provider: reading the
 * caller's body into a ChatRequest, writing the ChatResponse, and writing one stream chunk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FrontDoorBenchmark {
    private ChatResponse response;
    private ChatChunk chunk;

    @Setup
    public void setUp() {
        response = ChatResponseJson.read(Json.parseUpstream(("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\","
                + "\"created\":1741569952,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Lyon is cloudy today, 17 degrees, with light wind from the north.\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":62,\"completion_tokens\":17,"
                + "\"total_tokens\":79}}").getBytes(StandardCharsets.UTF_8), "bench"), "bench");
        chunk = ChatChunkJson.read(Json.parseUpstream(("{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
                + "\"created\":1741569952,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" token\"},"
                + "\"finish_reason\":null}]}").getBytes(StandardCharsets.UTF_8), "bench"));
    }

    @Benchmark
    public Object readRequest() {
        return ChatRequestJson.read(Json.parseUpstream(Payloads.REQUEST, "bench"));
    }

    @Benchmark
    public byte[] writeResponse() {
        return Json.bytes(ChatResponseJson.write(response));
    }

    @Benchmark
    public byte[] writeChunk() {
        return Json.bytes(ChatChunkJson.write(chunk));
    }
}
