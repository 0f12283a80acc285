package dev.gatehouse.guardrail.secrets;

/**
 * JSON Web Tokens in compact form (RFC 7519 with RFC 7515's serialization): three base64url
 * segments joined by dots, the first two being JSON objects, so both start with {@code eyJ}
 * (base64 of <code>{"</code>). Unsigned tokens (an empty third segment) carry no secret and are
 * left alone; so is a fourth segment (that is a JWE or something else).
 */
final class JsonWebToken implements Matcher {

    private static final int MAX_SEGMENT = 16 * 1024;
    private static final int MIN_SIGNATURE = 16;

    @Override
    public String kind() {
        return "jwt";
    }

    @Override
    public String lead() {
        return "ey";
    }

    @Override
    public int match(CharSequence text, int start) {
        int headerEnd = segment(text, start);
        if (headerEnd < 0 || headerEnd >= text.length() || text.charAt(headerEnd) != '.') {
            return -1;
        }
        int payloadEnd = segment(text, headerEnd + 1);
        if (payloadEnd < 0 || payloadEnd >= text.length() || text.charAt(payloadEnd) != '.') {
            return -1;
        }
        int signatureStart = payloadEnd + 1;
        int end = CharClass.BASE64URL.runEnd(text, signatureStart, signatureStart + MAX_SEGMENT + 1);
        if (end - signatureStart < MIN_SIGNATURE || end - signatureStart > MAX_SEGMENT) {
            return -1;
        }
        // "a.b.c." at the end of a sentence is still a token; "a.b.c.d" is not one.
        if (end + 1 < text.length() && text.charAt(end) == '.' && CharClass.BASE64URL.has(text.charAt(end + 1))) {
            return -1;
        }
        return end;
    }

    /** The end of a JSON segment starting at {@code from}, or -1 when it is not one. */
    private static int segment(CharSequence text, int from) {
        if (!KeyRule.regionEquals(text, from, "eyJ")) {
            return -1;
        }
        int end = CharClass.BASE64URL.runEnd(text, from, from + MAX_SEGMENT + 1);
        return end - from >= 10 && end - from <= MAX_SEGMENT ? end : -1;
    }
}
