package dev.gatehouse.guardrail.secrets;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds credentials in text: provider keys by their documented formats ({@link KeyFormats}), PEM
 * private keys, JSON Web Tokens, Gatehouse's own keys (checksum verified), and random-looking
 * values assigned to credential names ({@link Assignments}). Every finding has category
 * {@link Finding.Category#SECRET} and a kind naming the format ({@code "github_token"}…).
 *
 * <p>One pass, no regular expressions: the scan walks the text word by word and tries, where a
 * word starts, only the rules whose prefix begins with that word's first character. Each rule reads
 * forward a bounded number of characters, and a match is skipped over, so the cost is linear in the
 * text whatever it holds (hostile input included). Immutable and thread-safe.
 */
public final class SecretScanner implements Detector {

    /** Where a word may start: base64url characters (keys' own alphabet). */
    private static final CharClass WORD = CharClass.BASE64URL;
    private static final SecretScanner DEFAULTS = new SecretScanner(KeyFormats.all(), Set.of());

    private final List<Matcher> rules;
    /** The rules by the two characters they start with: index {@code first * 128 + second}. */
    private final Matcher[][] byLead;
    private final Matcher[] anyFirstChar;
    private final Set<String> allowlist;

    private SecretScanner(List<Matcher> matchers, Set<String> allowlist) {
        this.rules = List.copyOf(matchers);
        List<List<Matcher>> table = new ArrayList<>();
        for (int c = 0; c < 128 * 128; c++) {
            table.add(List.of());
        }
        List<Matcher> any = new ArrayList<>();
        for (Matcher matcher : matchers) {
            String lead = matcher.lead();
            if (lead == null) {
                any.add(matcher);
            } else {
                int index = lead.charAt(0) * 128 + lead.charAt(1);
                List<Matcher> row = new ArrayList<>(table.get(index));
                row.add(matcher);
                table.set(index, row);
            }
        }
        Matcher[] none = {};
        this.byLead = table.stream().map(list -> list.isEmpty() ? none : list.toArray(Matcher[]::new)).toArray(Matcher[][]::new);
        this.anyFirstChar = any.toArray(Matcher[]::new);
        this.allowlist = Set.copyOf(allowlist);
    }

    /** Every rule, nothing allowed: what the gateway scans with unless configured otherwise. */
    public static SecretScanner defaults() {
        return DEFAULTS;
    }

    /**
     * This scanner, ignoring matches whose text is exactly one of {@code exactValues}: known test
     * keys (AWS's documented {@code AKIAIOSFODNN7EXAMPLE}, a team's fixture keys) that are not
     * secrets. Exact values only, so an allowlist can not hide a real key by a pattern.
     */
    public SecretScanner withAllowlist(Set<String> exactValues) {
        Set<String> merged = new java.util.HashSet<>(allowlist);
        merged.addAll(exactValues);
        return new SecretScanner(rules, merged);
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> findings = List.of();
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < length && "ntr\"/".indexOf(text.charAt(i + 1)) >= 0) {
                // A JSON escape (\n, \") separates words as the character it stands for would.
                i += 2;
                continue;
            }
            if (!WORD.has(c)) {
                i++;
                continue;
            }
            Hit hit = known(text, i);
            int wordEnd = WORD.runEnd(text, i, length);
            if (hit == null) {
                Assignments.Value value = Assignments.valueAfter(text, i, wordEnd);
                // A value in a known format is reported by its own rule when the scan reaches it.
                if (value != null && known(text, value.start()) == null) {
                    hit = new Hit(value.kind(), value.start(), value.end());
                }
            }
            if (hit == null) {
                i = wordEnd;
                continue;
            }
            if (!allowed(text, hit)) {
                if (findings.isEmpty()) {
                    findings = new ArrayList<>();
                }
                findings.add(new Finding(hit.kind(), Finding.Category.SECRET, hit.start(), hit.end()));
            }
            i = Math.max(hit.end(), i + 1);
        }
        return findings.isEmpty() ? findings : java.util.Collections.unmodifiableList(findings);
    }

    private record Hit(String kind, int start, int end) {
    }

    private Hit known(CharSequence text, int start) {
        char first = text.charAt(start);
        char second = start + 1 < text.length() ? text.charAt(start + 1) : 0;
        if (first < 128 && second < 128) {
            for (Matcher matcher : byLead[first * 128 + second]) {
                int end = matcher.match(text, start);
                if (end > start) {
                    return new Hit(matcher.kind(), start, end);
                }
            }
        }
        for (Matcher matcher : anyFirstChar) {
            int end = matcher.match(text, start);
            if (end > start) {
                return new Hit(matcher.kind(), start, end);
            }
        }
        return null;
    }

    private boolean allowed(CharSequence text, Hit hit) {
        return !allowlist.isEmpty() && allowlist.contains(text.subSequence(hit.start(), hit.end()).toString());
    }
}
