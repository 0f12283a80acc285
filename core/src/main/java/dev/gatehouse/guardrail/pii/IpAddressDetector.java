package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * IP addresses. IPv4 in dotted-decimal (RFC 791's four octets, 0–255 each, without leading
 * zeros, which some parsers read as octal); not when the text goes on with another
 * {@code .digit}, so a longer version string ({@code 1.2.3.4.5}) is no address. IPv6 in the text
 * forms of RFC 4291 section 2.2 (eight groups of up to four hex digits, one {@code ::} standing
 * for zero groups, a dotted IPv4 tail), as written per RFC 5952; at least one digit and, when
 * compressed, two groups, so C++'s {@code a::b} and a bare {@code ::} are not taken for one, and
 * times and MAC addresses ({@code 12:30:45}, {@code 00:1a:2b:3c:4d:5e}) do not have its shape.
 */
final class IpAddressDetector implements Detector {

    @Override
    public List<Finding> scan(CharSequence text) {
        List<Finding> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            boolean candidate = (Chars.hex(c) || c == ':') && !Chars.wordAt(text, i - 1) && !precededByPart(text, i);
            if (!candidate) {
                i++;
                continue;
            }
            int end = i;
            boolean digit = false;
            int dots = 0;
            int colons = 0;
            for (char e; end < n && (Chars.hex(e = text.charAt(end)) || e == ':' || e == '.'); end++) {
                digit |= Chars.digit(e);
                dots += e == '.' ? 1 : 0;
                colons += e == ':' ? 1 : 0;
            }
            // Every address has a digit, and three dots (IPv4, a trailing full stop makes four)
            // or two colons (IPv6) or both (IPv4 and a port): words, plain numbers, times and
            // versions are passed over without building anything, and they are most of a prompt.
            if (!digit || (colons < 2 && dots < 3)) {
                i = Math.max(end, i + 1);
                continue;
            }
            // A sentence's full stop after the address is not part of it.
            int trimmed = end;
            while (trimmed > i && (text.charAt(trimmed - 1) == '.' || text.charAt(trimmed - 1) == ':')
                    && !(trimmed - i >= 2 && text.charAt(trimmed - 1) == ':' && text.charAt(trimmed - 2) == ':')) {
                trimmed--;
            }
            int address = Chars.wordAt(text, end) || trimmed == i ? -1 : addressEnd(text, i, trimmed);
            if (address > 0 && !versionTail(text, address)) {
                found.add(new Finding(PiiKind.IP_ADDRESS.kind(), Finding.Category.PERSONAL_DATA, i, address));
            }
            i = Math.max(end, i + 1);
        }
        return found;
    }

    /** A candidate never starts right after a dot or colon that follows a word (foo.1.2.3.4). */
    private static boolean precededByPart(CharSequence text, int i) {
        return i > 0 && (text.charAt(i - 1) == '.' || text.charAt(i - 1) == ':') && Chars.wordAt(text, i - 2);
    }

    private static boolean versionTail(CharSequence text, int end) {
        return end + 1 < text.length() && text.charAt(end) == '.' && Chars.digit(text.charAt(end + 1));
    }

    /** Where the address in {@code text[start, end)} ends, or -1: all of it, or an IPv4 before its {@code :port}. */
    private static int addressEnd(CharSequence text, int start, int end) {
        String s = text.subSequence(start, end).toString();
        int colon = s.indexOf(':');
        if (colon < 0) {
            return ipv4(s) ? end : -1;
        }
        if (ipv6(s)) {
            return end;
        }
        return colon > 0 && ipv4(s.substring(0, colon)) ? start + colon : -1;
    }

    static boolean ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return false;
            }
            for (int k = 0; k < p.length(); k++) {
                if (!Chars.digit(p.charAt(k))) {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean ipv6(String s) {
        int compressed = s.indexOf("::");
        if (compressed >= 0 && s.indexOf("::", compressed + 1) >= 0) {
            return false;
        }
        String head = compressed >= 0 ? s.substring(0, compressed) : s;
        String tail = compressed >= 0 ? s.substring(compressed + 2) : "";
        List<String> groups = new ArrayList<>();
        if (!head.isEmpty()) {
            groups.addAll(List.of(head.split(":", -1)));
        }
        List<String> tailGroups = tail.isEmpty() ? List.of() : List.of(tail.split(":", -1));
        groups.addAll(tailGroups);
        int slots = 0;
        for (int k = 0; k < groups.size(); k++) {
            String g = groups.get(k);
            boolean last = k == groups.size() - 1;
            if (last && g.indexOf('.') >= 0) {
                if (!ipv4(g)) {
                    return false;
                }
                slots += 2;
            } else if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(ch -> Chars.hex((char) ch))) {
                return false;
            } else {
                slots++;
            }
        }
        boolean hasDigit = s.chars().anyMatch(ch -> Chars.digit((char) ch));
        if (compressed >= 0) {
            return slots <= 7 && groups.size() >= 2 && hasDigit;
        }
        return slots == 8 && hasDigit;
    }
}
