package dev.gatehouse.guardrail.pii;

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
 * The personal-data scan (every kind) over prompts of 1, 8 and 64 KB that hold none but are full
 * of what looks like it: numbers, dates, times, versions, hex, code with {@code ::} and {@code @}.
 * {@code mask} is the reversible masking of the same prompt with a few values planted, the cost
 * of the mask action. Divide the time per operation by {@code kb} for the cost per KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PiiScanBenchmark {

    private static final String[] PARTS = {
        "Summarise the incident: on 2024-03-07 between 10:30 and 11:45 UTC the checkout service returned "
                + "errors for 4.2% of requests (about 1 250 000 calls); release 3.14.2 was rolled back at 11:52.\n",
        "@Override\npublic int hashCode() {\n    return Objects.hash(id, 0x1F3A, version); // since 2.3.1\n}\n"
                + "std::vector<int> v{1, 2, 3}; auto it = std::find(v.begin(), v.end(), 42); ns::util::run();\n",
        "server:\n  port: 8080\n  timeout_ms: 30000\n  max_body_bytes: 10485760\nschedule: \"0 3 * * *\"\n"
                + "image: registry.example.com/team/app:1.4.2@sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6\n",
        "{\"order\":4155552671,\"items\":[{\"sku\":\"A-1042\",\"qty\":2,\"price\":19.99}],\"isbn\":\"978-3-16-148410-0\","
                + "\"created\":\"2024-01-15T10:30:00Z\",\"trace\":\"3f2b8c1e-9d4a-4f6b-8e2a-1c5d7b9e0f3a\"}\n",
        "\tat dev.example.Checkout.pay(Checkout.java:214)\n\tat dev.example.Main.main(Main.java:9)\n"
                + "MAC 00:1A:2B:3C:4D:5E, ratio 16:9, pages 100-200, lot 0512-88, build 10.0.19045.3930\n",
    };

    private static final String PLANTED = "Reach me at jane.doe@example.com or +44 20 7946 0958; card 4111 1111 1111 1111.\n";

    @Param({"1", "8", "64"})
    public int kb;

    private String prompt;
    private String withValues;
    private final PiiScanner scanner = PiiScanner.all();

    @Setup
    public void setUp() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < kb * 1024; i++) {
            text.append(PARTS[i % PARTS.length]);
        }
        text.setLength(kb * 1024);
        prompt = text.toString();
        if (!scanner.scan(prompt).isEmpty()) {
            throw new IllegalStateException("the benchmark prompt must hold no personal data: " + scanner.scan(prompt));
        }
        withValues = PLANTED + prompt.substring(PLANTED.length());
    }

    @Benchmark
    public List<Finding> scan() {
        return scanner.scan(prompt);
    }

    @Benchmark
    public String mask() {
        return Placeholders.forRequest(scanner).mask(withValues);
    }
}
