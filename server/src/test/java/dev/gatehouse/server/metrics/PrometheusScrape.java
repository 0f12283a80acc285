package dev.gatehouse.server.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text format (version 0.0.4), for tests: every line is checked
 * against the format's grammar (https://prometheus.io/docs/instrumenting/exposition_formats/),
 * and it throws at the first line that is wrong. It also checks what a scraper relies on: one
 * {@code # TYPE} per family before its samples, a family's lines together, no series twice,
 * histogram buckets cumulative with {@code +Inf} equal to the count.
 */
final class PrometheusScrape {

    private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(\\{(.*)})? (\\S+)( -?[0-9]+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");

    /** One sample line: its name, labels (unescaped) and value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<Sample> samples = new ArrayList<>();

    private PrometheusScrape() {}

    static PrometheusScrape parse(String text) {
        PrometheusScrape scrape = new PrometheusScrape();
        scrape.read(text);
        return scrape;
    }

    private void read(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new AssertionError("the scrape does not end with a line feed");
        }
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        Set<String> helped = new HashSet<>();
        String current = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            if (line.isEmpty()) {
                continue;
            }
            String family;
            if (line.startsWith("#")) {
                Matcher help = HELP.matcher(line);
                Matcher type = TYPE.matcher(line);
                if (help.matches()) {
                    family = help.group(1);
                    check(helped.add(family), number, line, "a second HELP for " + family);
                } else if (type.matches()) {
                    family = type.group(1);
                    check(!types.containsKey(family), number, line, "a second TYPE for " + family);
                    check(!hasSamples(family), number, line, "TYPE after the family's samples");
                    types.put(family, type.group(2));
                } else {
                    check(!line.startsWith("# HELP") && !line.startsWith("# TYPE"), number, line, "malformed");
                    continue; // a comment
                }
            } else {
                Matcher sample = SAMPLE.matcher(line);
                check(sample.matches(), number, line, "not a sample line");
                Map<String, String> labels = labels(sample.group(3), number, line);
                double value = value(sample.group(4), number, line);
                family = familyOf(sample.group(1));
                check(types.containsKey(family), number, line, "a sample before its family's TYPE");
                check(series.add(sample.group(1) + new TreeMap<>(labels)), number, line, "the same series twice");
                samples.add(new Sample(sample.group(1), labels, value));
            }
            if (!family.equals(current)) {
                check(!closed.contains(family), number, line, "the family " + family + " is split");
                if (current != null) {
                    closed.add(current);
                }
                current = family;
            }
        }
        histogramsAddUp();
    }

    private boolean hasSamples(String family) {
        return samples.stream().anyMatch(s -> familyOf(s.name()).equals(family));
    }

    private String familyOf(String sampleName) {
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(base);
                if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static Map<String, String> labels(String text, int number, String line) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return labels;
        }
        Matcher label = LABEL.matcher(text);
        int at = 0;
        while (at < text.length()) {
            check(label.find(at) && label.start() == at, number, line, "a malformed label at " + at);
            check(labels.put(label.group(1), unescape(label.group(2))) == null, number, line,
                    "the label " + label.group(1) + " twice");
            at = label.end();
            if (at < text.length()) {
                check(text.charAt(at) == ',', number, line, "labels not separated by a comma");
                at++;
            }
        }
        return labels;
    }

    private static String unescape(String value) {
        return value.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static double value(String text, int number, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError("line " + number + ": not a number: " + line);
                }
            }
        };
    }

    private void histogramsAddUp() {
        types.forEach((family, type) -> {
            if (!type.equals("histogram")) {
                return;
            }
            Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
            for (Sample s : samples) {
                if (s.name().equals(family + "_bucket")) {
                    String le = s.labels().get("le");
                    if (le == null) {
                        throw new AssertionError(family + ": a bucket without le: " + s);
                    }
                    Map<String, String> rest = new TreeMap<>(s.labels());
                    rest.remove("le");
                    buckets.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
                }
            }
            buckets.forEach((labels, list) -> {
                double last = -1;
                double bound = Double.NEGATIVE_INFINITY;
                for (Sample bucket : list) {
                    double le = value(bucket.labels().get("le"), 0, bucket.toString());
                    if (le <= bound || bucket.value() < last) {
                        throw new AssertionError(family + labels + ": buckets not cumulative in order");
                    }
                    bound = le;
                    last = bucket.value();
                }
                if (bound != Double.POSITIVE_INFINITY) {
                    throw new AssertionError(family + labels + ": no +Inf bucket last");
                }
                double count = value(family + "_count", labels).orElseThrow(
                        () -> new AssertionError(family + labels + ": no _count"));
                if (count != last) {
                    throw new AssertionError(family + labels + ": the +Inf bucket is not the count");
                }
            });
        });
    }

    private static void check(boolean ok, int number, String line, String what) {
        if (!ok) {
            throw new AssertionError("line " + number + ": " + what + ": " + line);
        }
    }

    /** The families and their types, in order. */
    Map<String, String> types() {
        return types;
    }

    List<Sample> samples() {
        return samples;
    }

    /** The samples named {@code name}. */
    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** The value of the one series named {@code name} with exactly {@code labels}. */
    Optional<Double> value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .map(Sample::value).findFirst();
    }

    /** The sum of every series named {@code name} whose labels include {@code some}. */
    double sum(String name, Map<String, String> some) {
        return samples.stream().filter(s -> s.name().equals(name)
                        && s.labels().entrySet().containsAll(some.entrySet()))
                .mapToDouble(Sample::value).sum();
    }
}
