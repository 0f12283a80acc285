package dev.gatehouse.guardrail.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall of the default scan over a corpus: generated keys of every kind placed in
 * prose, JSON, .env lines, source code and JSON-escaped strings (true positives), and text that
 * must not be reported (source code, configuration, lock files, prose, logs, UUIDs, hashes,
 * base64 images cut short). docs/guardrails.md quotes the numbers this test prints.
 */
class SecretCorpusTest {

    private static final List<String> TEMPLATES = List.of(
            "Here is my key %s, can you tell me why the request fails?",
            "{\"model\":\"gpt-4.1\",\"config\":{\"credential\":\"%s\",\"retries\":3}}",
            "export SOME_VALUE=%s\nexport REGION=eu-west-1",
            "client = Client(\"%s\", timeout=30)  # TODO move to a vault",
            "line one\\nvalue: %s\\nline three");

    private final SecretScanner scanner = SecretScanner.defaults();

    @Test
    void precisionAndRecallOverTheCorpus() throws IOException {
        Counts counts = new Counts();
        for (long seed = 1; seed <= 20; seed++) {
            SecretSamples samples = new SecretSamples(seed);
            String template = TEMPLATES.get((int) (seed % TEMPLATES.size()));
            for (SecretSamples.Sample sample : samples.oneOfEach()) {
                String text = template.formatted(sample.value());
                int start = text.indexOf(sample.value());
                counts.positive(sample.kind(), scanner.scan(text), start, start + sample.value().length());
            }
            for (SecretSamples.Sample sample : samples.assignments()) {
                String text = "config:\n" + sample.value() + "\nnext: 1";
                // The value is what follows the separator (and a quote); the finding covers it alone.
                int end = text.indexOf(sample.value()) + sample.value().replaceAll("[\"']$", "").length();
                counts.positive(sample.kind(), scanner.scan(text), end - 16, end);
            }
        }
        for (String negative : negatives()) {
            counts.negative(scanner.scan(negative));
        }
        System.out.println(counts.report());
        assertEquals(List.of(), counts.missed, "every generated key is found, with its kind");
        assertTrue(counts.recall() >= 0.99, counts.report());
        assertTrue(counts.precision() >= 0.99, counts.report());
    }

    /** Text that holds no secret: the hand-written corpus and generated look-alikes. */
    static List<String> negatives() throws IOException {
        List<String> texts = new ArrayList<>();
        try (InputStream in = SecretCorpusTest.class.getResourceAsStream("/guardrail/secret-negatives.txt")) {
            for (String part : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("(?m)^=== ")) {
                if (!part.isBlank()) {
                    texts.add(part);
                }
            }
        }
        Random random = new Random(7);
        SecretSamples chars = new SecretSamples(7);
        for (int i = 0; i < 300; i++) {
            texts.add("request " + new UUID(random.nextLong(), random.nextLong()) + " done");
            texts.add("sha1 " + chars.chars(SecretSamples.HEX, 40) + " sha256 " + chars.chars(SecretSamples.HEX, 64));
            byte[] image = new byte[200 + random.nextInt(600)];
            random.nextBytes(image);
            String base64 = Base64.getEncoder().encodeToString(image);
            texts.add("![chart](data:image/png;base64,iVBORw0KGgo" + base64.substring(0, base64.length() - random.nextInt(20)));
            texts.add("\"integrity\": \"sha512-" + Base64.getEncoder().encodeToString(chars.chars(SecretSamples.ALNUM, 64)
                    .getBytes(StandardCharsets.US_ASCII)) + "\"");
            texts.add("session_id: " + new UUID(random.nextLong(), random.nextLong()) + ", cache_key: " + chars.chars(SecretSamples.HEX, 64));
            texts.add("The order " + chars.chars("ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12) + " ships on 2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + ".");
        }
        return texts;
    }

    /** Findings matched against what each text holds. */
    private static final class Counts {
        int expected;
        int found;
        int truePositives;
        int falsePositives;
        final List<String> missed = new ArrayList<>();
        final TreeMap<String, Integer> falseByKind = new TreeMap<>();

        void positive(String kind, List<Finding> findings, int start, int end) {
            expected++;
            boolean hit = false;
            for (Finding finding : findings) {
                if (finding.kind().equals(kind) && finding.start() <= start && finding.end() >= end) {
                    hit = true;
                    truePositives++;
                } else {
                    falsePositive(finding);
                }
            }
            if (hit) {
                found++;
            } else {
                missed.add(kind + " " + findings);
            }
        }

        void negative(List<Finding> findings) {
            findings.forEach(this::falsePositive);
        }

        private void falsePositive(Finding finding) {
            falsePositives++;
            falseByKind.merge(finding.kind(), 1, Integer::sum);
        }

        double recall() {
            return found / (double) expected;
        }

        double precision() {
            return truePositives / (double) (truePositives + falsePositives);
        }

        String report() {
            return "secret corpus: %d keys, %d found (recall %.4f); %d findings, %d false (precision %.4f); false by kind %s"
                    .formatted(expected, found, recall(), truePositives + falsePositives, falsePositives, precision(), falseByKind);
        }
    }
}
