package dev.gatehouse.guardrail.secrets;

import dev.gatehouse.guardrail.Finding;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The default secret scan over prompts of 1, 8 and 64 KB, built like real ones: instructions in
 * prose, pasted source code, a configuration file, a JSON document and a stack trace, with
 * credential words and look-alikes (hashes, UUIDs, identifiers) throughout and no secret, so the
 * whole prompt is read as in the common case. The bound is 20 µs per KB; divide the time
 * per operation by {@code kb}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SecretScanBenchmark {

    private static final String[] PARTS = {
        "Please review the following change and tell me whether the retry logic is right. We saw "
                + "timeouts in production last week when the token endpoint was slow, and the password "
                + "reset flow failed for about 2% of users. Keep the answer short and point at lines.\n",
        "public final class RetryingClient {\n    private final HttpClient http;\n    private final String apiKey;\n"
                + "    RetryingClient(HttpClient http, String apiKey) { this.http = http; this.apiKey = apiKey; }\n"
                + "    String fetch(URI uri, int attempts) throws IOException, InterruptedException {\n"
                + "        for (int i = 0; i < attempts; i++) {\n            var response = http.send(HttpRequest.newBuilder(uri)\n"
                + "                .header(\"Authorization\", \"Bearer \" + apiKey).build(), BodyHandlers.ofString());\n"
                + "            if (response.statusCode() < 500) return response.body();\n"
                + "            Thread.sleep(100L << i);\n        }\n        throw new IOException(\"gave up after \" + attempts);\n    }\n}\n",
        "server:\n  port: 8080\n  token_ttl_seconds: 3600\ndatabase:\n  url: jdbc:postgresql://db:5432/app\n"
                + "  user: app\n  password: ${DB_PASSWORD}\ncache:\n  key_prefix: app-v2\n"
                + "image: ghcr.io/example/app@sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b\n",
        "{\"request_id\":\"3f2b8c1e-9d4a-4f6b-8e2a-1c5d7b9e0f3a\",\"user\":{\"id\":48213,\"name\":\"Ana Souza\","
                + "\"roles\":[\"admin\",\"billing\"]},\"session_token_ref\":\"vault:sessions/48213\",\"items\":["
                + "{\"sku\":\"A-1042\",\"qty\":2,\"price\":19.99},{\"sku\":\"B-77\",\"qty\":1,\"price\":5.5}],"
                + "\"commit\":\"9fceb02d0ae598e95dc970b74767f19372d61af8\"}\n",
        "Exception in thread \"main\" java.io.IOException: gave up after 3\n"
                + "\tat dev.example.RetryingClient.fetch(RetryingClient.java:14)\n"
                + "\tat dev.example.Main.main(Main.java:9)\nCaused by: java.net.http.HttpTimeoutException: request timed out\n",
    };

    @Param({"1", "8", "64"})
    public int kb;

    private String prompt;
    private final SecretScanner scanner = SecretScanner.defaults();

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < kb * 1024; i++) {
            text.append(PARTS[i % PARTS.length]);
        }
        text.setLength(kb * 1024);
        prompt = text.toString();
        if (!scanner.scan(prompt).isEmpty()) {
            throw new IllegalStateException("the benchmark prompt must hold no secret");
        }
    }

    @Benchmark
    public List<Finding> scan() {
        return scanner.scan(prompt);
    }
}
