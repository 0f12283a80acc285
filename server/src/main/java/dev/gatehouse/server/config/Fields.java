package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Typed reads of configuration values. Each read either returns the value or records one
 * problem at the value's location and returns null; callers go on reading, so that one pass
 * reports everything that is wrong.
 */
final class Fields {

    private final Findings findings;

    Fields(Findings findings) {
        this.findings = findings;
    }

    /**
     * Whether {@code at} is a section to read: false when it is absent, or not a map (recorded);
     * otherwise true, with every key not in {@code allowed} recorded.
     */
    boolean isSection(Located at, List<String> allowed) {
        if (at.isMissing() || !isMap(at)) {
            return false;
        }
        onlyKeys(at, allowed);
        return true;
    }

    /** Reports every key of {@code map} not in {@code allowed}, naming it and the nearest allowed key. */
    void onlyKeys(Located map, List<String> allowed) {
        for (Iterator<String> names = map.value().fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (!allowed.contains(key)) {
                findings.problem(map.get(key), unknownKey(key, allowed));
            }
        }
    }

    static String unknownKey(String key, List<String> allowed) {
        String nearest = nearest(key, allowed);
        String known = nearest == null ? "; known keys here: " + String.join(", ", allowed)
                : " (did you mean '" + nearest + "'?)";
        return "unknown key '" + key + "'" + known;
    }

    /** Whether the value is a map or absent; anything else is a problem. */
    boolean isMap(Located at) {
        if (at.isMissing() || at.value().isObject()) {
            return true;
        }
        findings.problem(at, "must be a map of keys and values");
        return false;
    }

    /** The keys of a map, in file order. */
    static List<String> keys(Located map) {
        List<String> keys = new ArrayList<>();
        map.value().fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    Boolean bool(Located at) {
        if (at.isMissing()) {
            return null;
        }
        if (!at.value().isBoolean()) {
            findings.problem(at, "must be true or false");
            return null;
        }
        return at.value().booleanValue();
    }

    String text(Located at) {
        if (at.isMissing()) {
            return null;
        }
        if (!at.value().isTextual()) {
            findings.problem(at, "must be a string");
            return null;
        }
        return at.value().textValue();
    }

    /** A whole number from {@code min} to {@code max}. */
    Long integer(Located at, long min, long max) {
        if (at.isMissing()) {
            return null;
        }
        JsonNode v = at.value();
        if (!v.isIntegralNumber()
                || v.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
                || v.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
            findings.problem(at, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return v.longValue();
    }

    /** A number of seconds (fractions allowed) from {@code min} to {@code max}. */
    Duration seconds(Located at, long min, long max) {
        if (at.isMissing()) {
            return null;
        }
        JsonNode v = at.value();
        if (!v.isNumber() || !Double.isFinite(v.doubleValue()) || v.decimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                || v.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            findings.problem(at, "must be a number of seconds from " + min + " to " + max);
            return null;
        }
        return Duration.ofMillis(v.decimalValue().movePointRight(3).longValue());
    }

    /** The candidate spelled closest to {@code word}, if two edits or fewer make them equal; else null. */
    static String nearest(String word, Iterable<String> candidates) {
        String nearest = null;
        int best = 3;
        for (String candidate : candidates) {
            int distance = distance(word, candidate);
            if (distance < best) {
                best = distance;
                nearest = candidate;
            }
        }
        return nearest;
    }

    /** Levenshtein distance, for suggesting the key that was meant. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
