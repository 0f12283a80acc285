package dev.gatehouse.server.selfcheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks a Gatehouse jar against what its build recorded in it (build/RecordJarContents.java):
 * every entry against its SHA-256 in {@value #ENTRIES}, each one read once; and the SBOM's
 * components against the dependencies in the jar, which are those of {@value #DEPENDENCIES}
 * and any other whose {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} is in the jar.
 * The entries are read from the zip's own directory, not through {@code JarFile}, so that a
 * multi-release jar's versioned entries are each checked under their own name.
 */
public final class JarCheck {

    static final String ENTRIES = "META-INF/gatehouse/entries.sha256";
    static final String DEPENDENCIES = "META-INF/gatehouse/dependencies.txt";

    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");

    private JarCheck() {}

    /** Checks the jar at {@code path}; throws UncheckedIOException when it can not be read as a zip at all. */
    public static JarVerdict check(Path path) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return check(zip);
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + path + " as a jar", e);
        }
    }

    private static JarVerdict check(ZipFile zip) throws IOException {
        List<String> unreadable = new ArrayList<>();
        ZipEntry recordedEntry = zip.getEntry(ENTRIES);
        if (recordedEntry == null) {
            unreadable.add("no hashes recorded at build time (" + ENTRIES + "): not a jar the Gatehouse build made");
            return new JarVerdict(0, 0, unreadable, List.of(), List.of(), List.of(), List.of(), List.of());
        }
        Map<String, String> recorded = readRecorded(text(zip, recordedEntry));
        List<String> extra = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ZipEntry> known = new ArrayList<>();
        int entries = 0;
        for (ZipEntry entry : Collections.list(zip.entries())) {
            String name = entry.getName();
            if (name.equals(ENTRIES)) {
                continue;
            }
            entries++;
            if (!seen.add(name)) {
                extra.add(name + " (a second entry of that name)");
            } else if (recorded.containsKey(name)) {
                known.add(entry);
            } else {
                extra.add(name);
            }
        }
        // Most of the time goes to inflating and hashing some 45 MB: spread over the cores, a zip file
        // being safe to read from several threads.
        List<String> changed = known.parallelStream()
                .filter(entry -> !hash(zip, entry).equals(recorded.get(entry.getName())))
                .map(ZipEntry::getName).sorted().toList();
        List<String> missing = recorded.keySet().stream().filter(name -> !seen.contains(name)).sorted().toList();

        Set<String> inJar = dependencies(zip);
        List<String> notInSbom = List.of();
        List<String> notInJar = List.of();
        ZipEntry sbomEntry = zip.getEntry(RunningJar.SBOM);
        if (sbomEntry == null) {
            unreadable.add("no SBOM (" + RunningJar.SBOM + ") in the jar: a build made offline makes none");
        } else {
            try (InputStream in = zip.getInputStream(sbomEntry)) {
                Sbom sbom = Sbom.read(in);
                inJar.remove(sbom.application());
                notInSbom = inJar.stream().filter(d -> !sbom.components().contains(d)).toList();
                notInJar = sbom.components().stream().filter(d -> !inJar.contains(d)).toList();
            } catch (IllegalArgumentException notCycloneDx) {
                unreadable.add("the SBOM (" + RunningJar.SBOM + ") can not be read: " + notCycloneDx.getMessage());
            }
        }
        return new JarVerdict(entries, inJar.size(), unreadable, changed, missing, extra, notInSbom, notInJar);
    }

    private static String hash(ZipFile zip, ZipEntry entry) {
        try (InputStream in = zip.getInputStream(entry)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + entry.getName(), e);
        }
    }

    /** {@code sha256sum}'s lines: the hash, two spaces, the name. */
    static Map<String, String> readRecorded(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.length() > 66 && line.startsWith("  ", 64)) {
                out.put(line.substring(66), line.substring(0, 64));
            }
        }
        return out;
    }

    /** group:artifact:version of every dependency the build recorded, and of every pom.properties in the jar. */
    private static Set<String> dependencies(ZipFile zip) throws IOException {
        Set<String> out = new TreeSet<>();
        ZipEntry list = zip.getEntry(DEPENDENCIES);
        if (list != null) {
            text(zip, list).lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(out::add);
        }
        for (ZipEntry entry : Collections.list(zip.entries())) {
            Matcher m = POM_PROPERTIES.matcher(entry.getName());
            if (m.matches()) {
                Properties properties = new Properties();
                try (InputStream in = zip.getInputStream(entry)) {
                    properties.load(in);
                }
                out.add(m.group(1) + ":" + m.group(2) + ":" + properties.getProperty("version", "?"));
            }
        }
        return out;
    }

    private static String text(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
