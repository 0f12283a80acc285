package dev.gatehouse.server.release;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code SHA256SUMS} file as {@code sha256sum} writes it: one {@code <64 hex digits>  <path>}
 * line per file, the path relative to the bundle's top folder. Read strictly: a line in another
 * shape, a path that leaves the folder, or a path listed twice is refused, since the list is what
 * the signature vouches for.
 */
public record Checksums(List<Entry> entries) {

    /** The file that holds the list, and the file that holds its signature, in a bundle's top folder. */
    public static final String FILE = "SHA256SUMS";
    public static final String SIGNATURE_FILE = "SHA256SUMS.sig";

    /** One listed file: its path with {@code /} separators and its SHA-256 in lowercase hex. */
    public record Entry(String path, String sha256) {}

    // sha256sum's text mode puts two spaces between digest and name, its binary mode " *".
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");

    public Checksums {
        entries = List.copyOf(entries);
    }

    /** Reads the list, or throws {@link IllegalArgumentException} naming the first bad line. */
    public static Checksums parse(String text) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                break;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                throw new IllegalArgumentException(FILE + " line " + (i + 1) + " is not '<sha256>  <path>': " + shown(line));
            }
            String path = matcher.group(2);
            if (!safe(path)) {
                throw new IllegalArgumentException(FILE + " line " + (i + 1) + " names a path outside the bundle: " + shown(path));
            }
            if (!seen.add(path)) {
                throw new IllegalArgumentException(FILE + " lists " + shown(path) + " twice");
            }
            entries.add(new Entry(path, matcher.group(1)));
        }
        return new Checksums(entries);
    }

    /** A relative path with no empty, "." or ".." segment and no backslash (sha256sum escapes odd names with one). */
    private static boolean safe(String path) {
        if (path.startsWith("/") || path.contains("\\")) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static String shown(String text) {
        String cut = text.length() > 120 ? text.substring(0, 120) + "…" : text;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
