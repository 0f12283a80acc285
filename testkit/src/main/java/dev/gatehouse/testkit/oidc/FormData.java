package dev.gatehouse.testkit.oidc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code application/x-www-form-urlencoded} both ways: form bodies and query strings. */
final class FormData {

    private FormData() {}

    /** The pairs of a form body or query string; a name given twice is kept as null (refused by the checks). */
    static Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.put(name, out.containsKey(name) ? null : value);
        }
        return out;
    }

    static String query(String pathWithQuery) {
        int q = pathWithQuery.indexOf('?');
        return q < 0 ? "" : pathWithQuery.substring(q + 1);
    }

    static String encode(Map<String, String> pairs) {
        return pairs.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
