package dev.gatehouse.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's own files keep the rules its Content-Security-Policy and its safety rest on: no
 * HTML parsed from strings (every value goes into the page as text), no code made from strings, no
 * secrets in the browser's storage, no inline script or style, nothing loaded from elsewhere.
 */
class ConsoleScriptRulesTest {

    private static final Path UI = Path.of("src/main/resources/dev/gatehouse/server/console/ui");

    /** What must never appear in the console's JavaScript, and why. */
    private static final List<Pattern> FORBIDDEN_IN_SCRIPT = Stream.of(
            "\\.innerHTML", "\\.outerHTML", "insertAdjacentHTML", "document\\.write", "\\beval\\s*\\(",
            "new\\s+Function\\b", "localStorage", "sessionStorage", "indexedDB", "document\\.cookie",
            "setAttribute\\(\\s*['\"](style|on[a-z]+)['\"]", "createContextualFragment", "DOMParser",
            "https?://(?!www\\.w3\\.org/2000/svg)", "setTimeout\\(\\s*['\"]", "setInterval\\(\\s*['\"]")
            .map(Pattern::compile).toList();

    private static final List<Pattern> FORBIDDEN_IN_HTML = Stream.of(
            "<script(?![^>]*\\bsrc=)", "<style", "\\sstyle\\s*=", "\\son[a-z]+\\s*=", "https?://")
            .map(Pattern::compile).toList();

    @Test
    void theConsolesScriptsBuildThePageFromTextOnly() throws IOException {
        List<String> problems = new ArrayList<>();
        List<Path> scripts = files(".js");
        assertFalse(scripts.isEmpty(), "the console's scripts are where this test looks: " + UI.toAbsolutePath());
        for (Path script : scripts) {
            check(script, FORBIDDEN_IN_SCRIPT, problems);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndLoadsNothingFromElsewhere() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path html : files(".html")) {
            check(html, FORBIDDEN_IN_HTML, problems);
        }
        for (Path css : files(".css")) {
            check(css, List.of(Pattern.compile("@import|url\\(\\s*['\"]?https?:")), problems);
        }
        assertEquals(List.of(), problems);
    }

    private static List<Path> files(String extension) throws IOException {
        try (Stream<Path> walk = Files.walk(UI)) {
            return walk.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }

    private static void check(Path file, List<Pattern> forbidden, List<String> problems) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().startsWith("//") || line.strip().startsWith("/*") || line.strip().startsWith("*")) {
                continue; // comments may name what the code never does
            }
            for (Pattern pattern : forbidden) {
                if (pattern.matcher(line).find()) {
                    problems.add(UI.relativize(file) + ":" + (i + 1) + " has " + pattern + ": " + line.strip());
                }
            }
        }
    }
}
