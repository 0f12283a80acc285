package dev.gatehouse.guardrail.pii;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.guardrail.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the personal-data scanner over two corpora: generated values of each
 * kind in sentences (true positives), and text with none (false positives): source code,
 * configuration, prose, identifiers and numbers that look like the kinds without being them.
 * The figures go to target/pii-corpus.txt; docs/guardrails.md quotes them.
 */
class PiiCorpusTest {

    private static final int PER_KIND = 500;
    private static final PiiScanner SCANNER = PiiScanner.all();

    @Test
    void precisionAndRecallOverTheCorpora() throws IOException {
        PiiSamples samples = new PiiSamples(20);
        Map<PiiKind, int[]> counts = new EnumMap<>(PiiKind.class); // planted, found, wrong findings
        List<String> missed = new ArrayList<>();
        for (PiiKind kind : PiiKind.values()) {
            int[] c = counts.computeIfAbsent(kind, k -> new int[3]);
            for (int i = 0; i < PER_KIND; i++) {
                String value = samples.of(kind);
                String text = samples.sentence(value);
                int at = text.indexOf(value);
                c[0]++;
                int before = c[1];
                for (Finding f : SCANNER.scan(text)) {
                    if (f.kind().equals(kind.kind()) && f.start() == at && f.end() == at + value.length()) {
                        c[1]++;
                    } else {
                        counts.get(PiiKind.named(f.kind()).orElseThrow())[2]++;
                    }
                }
                if (c[1] == before) {
                    missed.add(kind.kind() + ": " + text);
                }
            }
        }
        List<String> falsePositives = new ArrayList<>();
        for (String text : negativeCorpus()) {
            for (Finding f : SCANNER.scan(text)) {
                counts.get(PiiKind.named(f.kind()).orElseThrow())[2]++;
                falsePositives.add(f.kind() + " in: " + text.substring(f.start(), f.end()));
            }
        }
        StringBuilder report = new StringBuilder("| kind | planted | found | wrong findings | recall | precision |\n|---|---|---|---|---|---|\n");
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            report.append(String.format("| %s | %d | %d | %d | %.3f | %.3f |%n", e.getKey().kind(), c[0], c[1], c[2],
                    c[1] / (double) c[0], c[1] / (double) Math.max(1, c[1] + c[2])));
        }
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "pii-corpus.txt"), report + "\nfalse positives:\n" + String.join("\n", falsePositives)
                + "\nmissed:\n" + String.join("\n", missed));
        for (var e : counts.entrySet()) {
            int[] c = e.getValue();
            assertEquals(c[0], c[1], () -> e.getKey() + " recall below 1:\n" + report);
        }
        // The known ones, documented in docs/guardrails.md: user names in a URL and an SSH address
        // have an e-mail address's shape exactly. Any other is a regression.
        assertEquals(List.of("email in: git@github.com", "email in: token@example.invalid"), falsePositives, report::toString);
    }

    /** Text without personal data: the kinds of thing people paste into prompts. */
    static List<String> negativeCorpus() {
        List<String> corpus = new ArrayList<>(List.of(
                """
                public static int checksum(int[] values) {
                    int sum = 0x1F3A;
                    for (int i = 0; i < values.length; i++) { sum = (sum * 31 + values[i]) % 1_000_000_007; }
                    return sum; // see RFC 1071 section 4.1, version 2.3.1
                }
                std::vector<int> v; auto it = std::find(v.begin(), v.end(), 42); a::b::c();
                """,
                """
                server:
                  port: 8080
                  timeout_ms: 30000
                  max_body_bytes: 10485760
                image: registry.example.com/gatehouse:1.4.2
                resources: {cpu: "500m", memory: "512Mi"}
                schedule: "0 3 * * *"
                created: 2024-01-15T10:30:00Z
                """,
                """
                {"id": "chatcmpl-9a8b7c6d5e4f", "created": 1718044800, "usage": {"prompt_tokens": 1234567890,
                 "completion_tokens": 987654321}, "system_fingerprint": "fp_44709d6fcb", "price": 1299.99}
                """,
                "The meeting moved from 10:30 to 11:45 on 2024-03-07; budget 1 250 000 EUR, invoice 2024-000123.",
                "Order #4155552671 shipped; tracking 1Z999AA10123456784; ISBN 978-3-16-148410-0; DOI 10.1000/182.",
                "Python 3.12.1, Node v20.11.0, kernel 6.5.0-14-generic, build 10.0.19045.3930, pi = 3.14159265358979.",
                "MAC 00:1A:2B:3C:4D:5E, time 23:59:59, ratio 16:9, score 3-1, pages 100-200, call ext. 4421.",
                "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 and commit 0b21fac.",
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk",
                "Room 1204, floor 12, building B; lot 0512-88; part no. 4711-0815-42; serial 7700 1234 5678 9012.",
                "In 1969, 600 million people watched; by 2023, 8 045 311 447 people lived on Earth.",
                "Use git@github.com:org/repo.git or https://user:token@example.invalid/path?q=1#frag.",
                "Quarterly: Q1 13.5%, Q2 14.25%, Q3 -2.0%; EPS 1.23; coordinates 48.8584, 2.2945."));
        Random random = new Random(97);
        for (int i = 0; i < 300; i++) {
            corpus.add("request " + new UUID(random.nextLong(), random.nextLong()) + " took " + random.nextInt(5000) + " ms");
            corpus.add("order " + (1_000_000_000L + (long) (random.nextDouble() * 8_999_999_999L)) + " at "
                    + String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60)));
            corpus.add("version " + random.nextInt(20) + "." + random.nextInt(50) + "." + random.nextInt(300)
                    + " released " + String.format("%04d-%02d-%02d", 2000 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)));
            corpus.add("hash " + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()) + " size "
                    + random.nextInt(100_000) + " bytes");
        }
        return corpus;
    }
}
