package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Words and patterns a deployment does not want in prompts or answers: code names, a competitor's
 * product, an internal host name pattern. Words (and phrases of several words) match
 * case-insensitively and as whole words only ({@code ass} never matches {@code class}); a phrase
 * matches whatever punctuation or spaces stand between its words. Patterns are Java regular
 * expressions, compiled once.
 *
 * <p>A regular expression run by a backtracking engine can take exponential time on a crafted
 * input. Two defences: a pattern with the classic shape of that blow-up (a quantifier applied
 * to a group that itself holds an unbounded quantifier, {@code (a+)+}, {@code (\w*\s?)*}) or
 * with a back-reference is refused when the list is built; and every pattern runs on a budget
 * of character reads proportional to the text (not a clock, so the result never depends on the
 * machine's load). A pattern over budget is reported as a finding of kind
 * {@code denied_pattern_too_slow:NAME} spanning the text: the list could not say the text is
 * clean, so it fails closed, and the policy decides (docs/guardrails.md).
 *
 * <p>Immutable and thread-safe.
 */
public final class DenyList implements Detector {

    /** A pattern and the name findings carry ({@code denied_pattern:NAME}); never the regex itself. */
    public record NamedPattern(String name, String regex) {
    }

    /** Character reads allowed per character of text, and a floor for short texts. */
    static final int READS_PER_CHAR = 200;
    static final int READS_FLOOR = 100_000;

    private final Map<String, List<String[]>> phrasesByFirstWord;
    private final List<Compiled> patterns;

    private record Compiled(String name, Pattern pattern) {
    }

    private DenyList(Map<String, List<String[]>> phrasesByFirstWord, List<Compiled> patterns) {
        this.phrasesByFirstWord = phrasesByFirstWord;
        this.patterns = patterns;
    }

    /**
     * A deny list of {@code words} (or phrases) and {@code patterns}.
     *
     * @throws IllegalArgumentException naming the entry, for a word with no letter or digit, a
     *     pattern that does not compile, or one at risk of catastrophic backtracking
     */
    public static DenyList of(Collection<String> words, List<NamedPattern> patterns) {
        Map<String, List<String[]>> phrases = new HashMap<>();
        for (String word : words) {
            List<String> tokens = new ArrayList<>();
            WordTokens.forEach(word, (start, end) -> tokens.add(fold(word.substring(start, end))));
            if (tokens.isEmpty()) {
                throw new IllegalArgumentException("deny list word \"" + word + "\" has no letter or digit");
            }
            phrases.computeIfAbsent(tokens.getFirst(), k -> new ArrayList<>()).add(tokens.toArray(String[]::new));
        }
        List<Compiled> compiled = new ArrayList<>();
        for (NamedPattern p : patterns) {
            String risk = BacktrackingRisk.of(p.regex());
            if (risk != null) {
                throw new IllegalArgumentException("deny list pattern " + p.name() + " is refused: " + risk);
            }
            try {
                compiled.add(new Compiled(p.name(), Pattern.compile(p.regex())));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("deny list pattern " + p.name() + " does not compile: "
                        + e.getDescription(), e);
            }
        }
        return new DenyList(Map.copyOf(phrases), List.copyOf(compiled));
    }

    public boolean isEmpty() {
        return phrasesByFirstWord.isEmpty() && patterns.isEmpty();
    }

    static String fold(String word) {
        // Upper then lower folds the letters whose lower case alone does not meet (Greek final sigma).
        return word.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        if (!phrasesByFirstWord.isEmpty()) {
            findWords(text, found);
        }
        for (Compiled p : patterns) {
            findPattern(text, p, found);
        }
        found.sort(java.util.Comparator.comparingInt(Finding::start));
        return found;
    }

    private void findWords(CharSequence text, List<Finding> found) {
        List<int[]> spans = new ArrayList<>();
        List<String> folded = new ArrayList<>();
        WordTokens.forEach(text, (start, end) -> {
            spans.add(new int[] {start, end});
            folded.add(fold(text.subSequence(start, end).toString()));
        });
        int t = 0;
        while (t < folded.size()) {
            int longest = 0;
            for (String[] phrase : phrasesByFirstWord.getOrDefault(folded.get(t), List.of())) {
                if (phrase.length > longest && matchesAt(folded, t, phrase)) {
                    longest = phrase.length;
                }
            }
            if (longest > 0) {
                found.add(new Finding("denied_word", Finding.Category.DENIED, spans.get(t)[0], spans.get(t + longest - 1)[1]));
                t += longest;
            } else {
                t++;
            }
        }
    }

    private static boolean matchesAt(List<String> folded, int t, String[] phrase) {
        if (t + phrase.length > folded.size()) {
            return false;
        }
        for (int k = 0; k < phrase.length; k++) {
            if (!phrase[k].equals(folded.get(t + k))) {
                return false;
            }
        }
        return true;
    }

    private static void findPattern(CharSequence text, Compiled p, List<Finding> found) {
        long budget = Math.max(READS_FLOOR, (long) READS_PER_CHAR * text.length());
        Matcher m = p.pattern().matcher(new BoundedText(text, budget));
        List<Finding> mine = new ArrayList<>();
        try {
            while (m.find()) {
                if (m.end() > m.start()) {
                    mine.add(new Finding("denied_pattern:" + p.name(), Finding.Category.DENIED, m.start(), m.end()));
                }
            }
        } catch (BoundedText.OverBudget e) {
            if (!text.isEmpty()) {
                found.add(new Finding("denied_pattern_too_slow:" + p.name(), Finding.Category.DENIED, 0, text.length()));
            }
            return;
        }
        found.addAll(mine);
    }
}
