package dev.gatehouse.server.limit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** OpenAI's rate-limit response headers, from a take's windows. */
final class RateLimitHeaders {

    private RateLimitHeaders() {}

    /**
     * The {@code x-ratelimit-*} headers OpenAI sends, for the tightest of the key's and team's
     * windows: limit, remaining, and the time until the window resets written as OpenAI writes it
     * ({@code 1s}, {@code 6m0s}, {@code 12ms};
     * https://platform.openai.com/docs/guides/rate-limits, "Rate limits in headers").
     */
    static Map<String, String> of(List<Limit.PerMinute> windows, Outcome outcome) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "requests", windows, outcome, Limit.Requests.class);
        put(out, "tokens", windows, outcome, Limit.Tokens.class);
        return out;
    }

    private static void put(Map<String, String> out, String kind, List<Limit.PerMinute> windows, Outcome outcome,
            Class<? extends Limit.PerMinute> type) {
        long bestLimit = -1;
        long bestRemaining = Long.MAX_VALUE;
        for (int j = 0; j < windows.size(); j++) {
            Limit.PerMinute window = windows.get(j);
            if (type.isInstance(window)) {
                long remaining = Math.max(0, window.limit() - outcome.windowCounts()[j]);
                if (remaining < bestRemaining) {
                    bestRemaining = remaining;
                    bestLimit = window.limit();
                }
            }
        }
        if (bestLimit >= 0) {
            out.put("x-ratelimit-limit-" + kind, Long.toString(bestLimit));
            out.put("x-ratelimit-remaining-" + kind, Long.toString(bestRemaining));
            out.put("x-ratelimit-reset-" + kind, resetText(outcome.resetMillis()));
        }
    }

    /** Under a second in milliseconds ({@code 12ms}), else in whole seconds rounded up ({@code 17s}). */
    static String resetText(long millis) {
        return millis < 1000 ? Math.max(0, millis) + "ms" : ((millis + 999) / 1000) + "s";
    }
}
