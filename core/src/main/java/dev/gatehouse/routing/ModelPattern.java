package dev.gatehouse.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model name with {@code *} in it ({@code openai/*}, {@code *}): a wildcard model, or an entry
 * of a key's model list or of a wildcard's allowlist. Each {@code *} stands for any text, the
 * rest for itself; the whole requested name must match. The order among patterns is LiteLLM's:
 * the longer pattern is the more specific, then the one with more wildcards
 * (https://docs.litellm.ai/docs/wildcard_routing).
 *
 * @param text the pattern as written
 */
public record ModelPattern(String text) {

    /** Most specific first: longer, then more {@code *}. */
    public static final Comparator<ModelPattern> MOST_SPECIFIC_FIRST = Comparator
            .comparingInt((ModelPattern p) -> p.text.length())
            .thenComparingLong(p -> p.text.chars().filter(c -> c == '*').count())
            .reversed();

    public ModelPattern {
        if (!isPattern(text)) {
            throw new IllegalArgumentException("not a model pattern (it has no *): " + text);
        }
    }

    /** Whether {@code name} is a pattern rather than one model's name. */
    public static boolean isPattern(String name) {
        return name != null && name.indexOf('*') >= 0;
    }

    /** Whether {@code name} is {@code entry}: equal to it, or matching it when it is a pattern. */
    public static boolean admits(String entry, String name) {
        return isPattern(entry) ? new ModelPattern(entry).matches(name) : entry.equals(name);
    }

    /** What each {@code *} stood for in {@code name}, in order; empty when the name does not match. */
    public Optional<List<String>> capture(String name) {
        Matcher matcher = regex().matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= matcher.groupCount(); i++) {
            parts.add(matcher.group(i));
        }
        return Optional.of(parts);
    }

    /** Whether {@code name} matches this pattern. */
    public boolean matches(String name) {
        return globMatches(text, name);
    }

    /**
     * Whether {@code name} matches {@code pattern}, each {@code *} standing for any text: without a
     * regular expression, since key checks and routing ask on every request. Greedy, going back to
     * the last {@code *} on a mismatch, so linear in practice and never worse than their product.
     */
    private static boolean globMatches(String pattern, String name) {
        if (name == null) {
            return false;
        }
        int p = 0;
        int n = 0;
        int star = -1;
        int afterStar = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                afterStar = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++afterStar;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /**
     * The upstream model a deployment written {@code template} serves for {@code requested}, which
     * matched this pattern: each {@code *} of the template takes the captured text in turn (so
     * {@code openai/*} served as {@code *} sends {@code gpt-4o} for {@code openai/gpt-4o}). A template
     * without {@code *} is sent as written; one with more {@code *} than the pattern captured is
     * given the requested name whole.
     */
    public String upstream(String template, String requested) {
        List<String> parts = capture(requested).orElseThrow(() -> new IllegalArgumentException(
                "'" + requested + "' does not match " + text));
        long stars = template.chars().filter(c -> c == '*').count();
        if (stars == 0) {
            return template;
        }
        if (stars > parts.size()) {
            return requested;
        }
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (char c : template.toCharArray()) {
            if (c == '*') {
                out.append(parts.get(next++));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private Pattern regex() {
        StringBuilder regex = new StringBuilder();
        int start = 0;
        for (int star = text.indexOf('*'); star >= 0; star = text.indexOf('*', start)) {
            if (star > start) {
                regex.append(Pattern.quote(text.substring(start, star)));
            }
            regex.append("(.*)");
            start = star + 1;
        }
        if (start < text.length()) {
            regex.append(Pattern.quote(text.substring(start)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
