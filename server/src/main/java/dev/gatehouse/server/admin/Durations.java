package dev.gatehouse.server.admin;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as LiteLLM writes them: a whole number and a unit, {@code 30s}, {@code 30m},
 * {@code 12h}, {@code 30d}, {@code 2w} (https://docs.litellm.ai/docs/proxy/virtual_keys,
 * "duration"). Months are refused rather than guessed at.
 */
final class Durations {

    private static final Pattern FORM = Pattern.compile("([0-9]{1,9})\\s*([smhdw])");
    static final Duration MAX = Duration.ofDays(3660);

    private Durations() {}

    /** The duration {@code text} names; IllegalArgumentException naming {@code field} otherwise. */
    static Duration parse(String text, String field) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a duration such as 30s, 30m, 12h, 30d"
                    + " or 2w");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (d.isZero() || d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException(field + ": the duration must be more than zero and at most "
                    + MAX.toDays() + " days");
        }
        return d;
    }
}
