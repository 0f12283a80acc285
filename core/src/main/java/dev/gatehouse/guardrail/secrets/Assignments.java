package dev.gatehouse.guardrail.secrets;

import java.util.List;
import java.util.Locale;

/**
 * Secrets without a recognizable prefix, found by where they stand: a random-looking value given
 * to a name that says it is a credential ({@code DB_PASSWORD=…}, {@code "api_key": "…"},
 * {@code client_secret: …}, {@code Authorization: Bearer …}). This is how Azure OpenAI's,
 * Mistral's and Cohere's keys and AWS secret access keys are found. The value must look random
 * (long enough, letters and digits, high entropy), so {@code password: see the vault} or
 * {@code token = getToken()} pass.
 */
final class Assignments {

    /** Parts of names that say "this holds a credential", lower case. */
    private static final List<String> CREDENTIAL_WORDS = List.of(
            "password", "passwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey",
            "access_key", "privatekey", "private_key", "signing_key", "encryption_key", "master_key",
            "auth_key", "credential", "connection_string", "connectionstring");
    /** The credential words by their first letter, so a name is compared only where one can start. */
    private static final String[][] WORDS_BY_FIRST = wordsByFirst();
    /** The characters a secret value may hold: base64 and the punctuation of generated passwords. */
    static final CharClass VALUE = CharClass.BASE64URL.plus("+/=.~!@#%^&*");
    static final int MIN_VALUE = 16;
    static final int MAX_VALUE = 256;
    private static final int MAX_NAME = 64;
    private static final double MIN_BITS = 3.0;

    /** A value found: where it lies and what it is. */
    record Value(String kind, int start, int end) {
    }

    private Assignments() {
    }

    /**
     * The secret value assigned to the word {@code [nameStart, nameEnd)}, or null. Only reads a
     * few characters past the name unless they are a separator, then at most one value.
     */
    static Value valueAfter(CharSequence text, int nameStart, int nameEnd) {
        int i = nameEnd;
        boolean bearer = nameEnd - nameStart == 6 && Character.toLowerCase(text.charAt(nameStart)) == 'b'
                && regionEqualsIgnoreCase(text, nameStart, "bearer");
        if (bearer) {
            int afterSpace = skip(text, i, " ");
            if (afterSpace == i) {
                return null;
            }
            i = afterSpace;
        } else {
            i = skipQuote(text, i);
            i = skip(text, i, " \t");
            if (i >= text.length() || (text.charAt(i) != '=' && text.charAt(i) != ':')) {
                return null;
            }
            i++;
            if (i < text.length() && (text.charAt(i) == '=' || text.charAt(i) == '>')) {
                i++;
            }
            i = skip(text, i, " \t");
            i = skipQuote(text, i);
            if (nameEnd - nameStart > MAX_NAME || !namesCredential(text, nameStart, nameEnd)) {
                return null;
            }
        }
        int end = VALUE.runEnd(text, i, i + MAX_VALUE + 1);
        while (end > i && text.charAt(end - 1) == '.') {
            end--;
        }
        if (end - i < MIN_VALUE || end - i > MAX_VALUE || !looksRandom(text, i, end)) {
            return null;
        }
        return new Value(kind(text, nameStart, nameEnd, i, end, bearer), i, end);
    }

    private static String kind(CharSequence text, int nameStart, int nameEnd, int start, int end, boolean bearer) {
        if (bearer) {
            return "bearer_token";
        }
        String name = text.subSequence(nameStart, nameEnd).toString().toLowerCase(Locale.ROOT);
        // AWS secret access keys: 40 characters of base64 under a name that says so.
        if (end - start == 40 && name.contains("secret") && (name.contains("aws") || name.contains("access"))
                && CharClass.BASE64.runEnd(text, start, end) == end) {
            return "aws_secret_access_key";
        }
        return "high_entropy_secret";
    }

    static boolean looksRandom(CharSequence text, int start, int end) {
        boolean letter = false;
        boolean digit = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit && Entropy.bitsPerChar(text, start, end) >= MIN_BITS && !wordLike(text, start, end)
                && !placeholder(text.subSequence(start, end).toString().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the value is a path, file name or slug ({@code models/llama-3.1-8b/tokenizer.json},
     * {@code x-goog-api-key-for-region-eu2}): two separators or more, and half its characters or
     * more in runs of three or more lower-case letters. Random base64 passes this test in well
     * under 1 % of cases; random lower-case values have no separators, so they are never taken for
     * words.
     */
    static boolean wordLike(CharSequence text, int start, int end) {
        int separators = 0;
        int inWords = 0;
        int run = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : ' ';
            if (c >= 'a' && c <= 'z') {
                run++;
                continue;
            }
            if (c == '/' || c == '.' || c == '-' || c == '_') {
                separators++;
            }
            if (run >= 3) {
                inWords += run;
            }
            run = 0;
        }
        return separators >= 2 && inWords * 2 >= end - start;
    }

    /** Values documentation writes in place of a real one. */
    private static boolean placeholder(String value) {
        return value.contains("xxxx") || value.contains("****") || value.contains("example")
                || value.contains("your") || value.contains("changeme") || value.contains("placeholder");
    }

    /**
     * Whether the name holds a credential word, compared in place without lower-casing a copy:
     * this runs for every {@code name:} and {@code name =} of code, JSON and YAML, so it is the
     * scan's most frequent test after the word loop itself.
     */
    static boolean namesCredential(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            char first = Character.toLowerCase(text.charAt(i));
            if (first >= 128) {
                continue;
            }
            for (String word : WORDS_BY_FIRST[first]) {
                if (i + word.length() <= end && regionEqualsIgnoreCase(text, i, word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String[][] wordsByFirst() {
        String[][] table = new String[128][];
        for (int c = 0; c < 128; c++) {
            char letter = (char) c;
            table[c] = CREDENTIAL_WORDS.stream().filter(word -> word.charAt(0) == letter).toArray(String[]::new);
        }
        return table;
    }

    private static int skipQuote(CharSequence text, int i) {
        if (i + 1 < text.length() && text.charAt(i) == '\\' && text.charAt(i + 1) == '"') {
            return i + 2;
        }
        return i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'' || text.charAt(i) == '`') ? i + 1 : i;
    }

    /** Skips at most four of {@code chars}: separators are short, so a run of spaces costs nothing. */
    private static int skip(CharSequence text, int i, String chars) {
        int limit = Math.min(text.length(), i + 4);
        while (i < limit && chars.indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    /** Whether {@code text} at {@code start} reads {@code lower}, ignoring case; its first character is already compared. */
    private static boolean regionEqualsIgnoreCase(CharSequence text, int start, String lower) {
        for (int i = 1; i < lower.length(); i++) {
            if (Character.toLowerCase(text.charAt(start + i)) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
