package dev.gatehouse.server.attribution;

import java.util.List;

/**
 * Whom a request's spend is attributed to beyond its key and team: the end user it names and its
 * tags. Both are valid by construction ({@link AttributionReader} refuses anything else with a 400).
 *
 * @param endUser the end user's id, or null when the request names none
 * @param tags    the request's tags, in order, without repeats; empty when none
 */
public record Attribution(String endUser, List<String> tags) {

    public static final Attribution NONE = new Attribution(null, List.of());

    public Attribution {
        tags = List.copyOf(tags);
    }
}
