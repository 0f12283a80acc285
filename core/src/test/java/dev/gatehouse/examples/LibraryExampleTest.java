package dev.gatehouse.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LibraryExampleTest {

    @Test
    void theDocumentedExampleRuns() {
        try (FakeOpenAi openai = new FakeOpenAi()) {
            openai.replyText("Hello!", new FakeUsage(5, 2));
            openai.streamText(List.of("1, ", "2, ", "3."), new FakeUsage(5, 3));
            assertEquals("Hello! / 1, 2, 3.", LibraryExample.run(openai.baseUrl(), Secret.of(openai.apiKey())));
            openai.assertNoViolations();
            assertEquals("gpt-4o-mini", openai.requests().getFirst().json().get("model").asText(),
                    "the upstream receives its own model name");
        }
    }

    @Test
    void theDocumentationShowsThisVeryCode() throws Exception {
        String doc = Files.readString(Path.of("../docs/library.md"));
        String source = Files.readString(Path.of("src/test/java/dev/gatehouse/examples/LibraryExample.java"));
        String body = source.substring(source.indexOf("    public static String run"), source.lastIndexOf('}'));
        for (String line : body.lines().filter(l -> !l.isBlank()).toList()) {
            assertTrue(doc.contains(line.strip()), "docs/library.md lacks the example line: " + line.strip());
        }
    }
}
