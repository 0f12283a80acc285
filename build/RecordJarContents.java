import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Records what the runnable jar holds, inside the jar, for {@code gatehouse verify} and the
 * check {@code serve} makes at start (docs/supply-chain.md, "Checking a running Gatehouse"):
 *
 * <ul>
 *   <li>{@code META-INF/gatehouse/dependencies.txt}: every runtime dependency whose content is in
 *       the jar, as {@code group:artifact:version}, sorted. A dependency counts as present when at
 *       least one of its files is in the jar with the same bytes; one that left nothing in the jar
 *       fails the build, since the SBOM would then list what is not shipped. Most shaded
 *       dependencies keep a {@code pom.properties}, but not all (H2, picocli, jtokkit, PostgreSQL's
 *       driver and OpenTelemetry do not), so their own files are the only reliable witness.</li>
 *   <li>{@code META-INF/gatehouse/entries.sha256}: the SHA-256 of every other entry of the jar,
 *       {@code sha256sum}'s format, sorted by name; directories hash as empty.</li>
 * </ul>
 *
 * <p>Run by the build after the shade plugin (see server/pom.xml), as a Java source-file program:
 *
 * <pre>java build/RecordJarContents.java JAR RESOLVED_LIST TIMESTAMP</pre>
 *
 * RESOLVED_LIST is {@code dependency:list} with absolute file names; TIMESTAMP is the build's
 * {@code project.build.outputTimestamp}, given to the two new entries. The jar is rewritten with
 * its entries in the same order and with the same times, the two new ones last, so two builds of
 * the same sources still give the same bytes.
 */
public final class RecordJarContents {

    static final String DEPENDENCIES = "META-INF/gatehouse/dependencies.txt";
    static final String ENTRIES = "META-INF/gatehouse/entries.sha256";

    /** group:artifact:type[:classifier]:version:scope:/path, as dependency:list prints it with file names. */
    private static final Pattern RESOLVED = Pattern.compile(
            "^\\s*([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)(?::([\\w.\\-]+))?:([\\w.\\-]+):(compile|runtime):(/[^ ]+).*$");

    /** What the shade plugin's filter leaves out of every dependency (server/pom.xml). */
    private static final Pattern FILTERED = Pattern.compile(
            "META-INF/[^/]+\\.(SF|DSA|RSA)|META-INF/MANIFEST\\.MF|module-info\\.class"
                    + "|META-INF/versions/[^/]+/module-info\\.class|META-INF/helidon/config-metadata\\.json");

    record Dependency(String coordinates, Path file) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RecordJarContents JAR RESOLVED_LIST TIMESTAMP");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        List<Dependency> dependencies = readResolved(Path.of(args[1]));
        // The zip format's times have no zone: written as UTC, as the shade plugin writes the others.
        LocalDateTime time = LocalDateTime.ofInstant(Instant.parse(args[2]), ZoneOffset.UTC);

        Map<String, byte[]> hashes = new TreeMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (entry.getName().equals(DEPENDENCIES) || entry.getName().equals(ENTRIES)) {
                    throw new IllegalStateException(jar + " already holds " + entry.getName());
                }
                hashes.put(entry.getName(), sha256(zip, entry));
            }
        }
        List<String> present = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (Dependency dependency : dependencies) {
            (contributes(dependency.file(), hashes) ? present : absent).add(dependency.coordinates());
        }
        if (!absent.isEmpty()) {
            System.err.println("RecordJarContents: nothing of these dependencies is in " + jar + ": " + absent);
            System.exit(1);
        }
        byte[] dependencyList = lines(new TreeSet<>(present)).getBytes(StandardCharsets.UTF_8);
        hashes.put(DEPENDENCIES, digest().digest(dependencyList));
        StringBuilder entryList = new StringBuilder();
        HexFormat hex = HexFormat.of();
        hashes.forEach((name, hash) -> entryList.append(hex.formatHex(hash)).append("  ").append(name).append('\n'));

        Path rewritten = jar.resolveSibling(jar.getFileName() + ".recording");
        try (ZipFile zip = new ZipFile(jar.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                ZipEntry copy = new ZipEntry(entry);
                copy.setCompressedSize(-1); // deflated again
                out.putNextEntry(copy);
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
            add(out, DEPENDENCIES, dependencyList, time);
            add(out, ENTRIES, entryList.toString().getBytes(StandardCharsets.UTF_8), time);
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("RecordJarContents: " + hashes.size() + " entries and " + present.size()
                + " dependencies recorded in " + jar);
    }

    static List<Dependency> readResolved(Path list) throws IOException {
        List<Dependency> out = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            Matcher m = RESOLVED.matcher(line);
            if (m.matches()) {
                out.add(new Dependency(m.group(1) + ":" + m.group(2) + ":" + m.group(5), Path.of(m.group(7))));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no dependency read from " + list);
        }
        return out;
    }

    /** Whether a file of {@code dependency} (a jar, or the classes directory of a module of the build) is in the jar as it is. */
    private static boolean contributes(Path dependency, Map<String, byte[]> hashes) throws IOException {
        if (Files.isDirectory(dependency)) {
            try (Stream<Path> files = Files.walk(dependency)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = dependency.relativize(file).toString().replace('\\', '/');
                    if (same(hashes, name, digest().digest(Files.readAllBytes(file)))) {
                        return true;
                    }
                }
            }
            return false;
        }
        try (ZipFile zip = new ZipFile(dependency.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                if (!entry.isDirectory() && !FILTERED.matcher(entry.getName()).matches()
                        && same(hashes, entry.getName(), sha256(zip, entry))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean same(Map<String, byte[]> hashes, String name, byte[] hash) {
        byte[] inJar = hashes.get(name);
        return inJar != null && MessageDigest.isEqual(inJar, hash);
    }

    private static void add(ZipOutputStream out, String name, byte[] content, LocalDateTime time) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTimeLocal(time);
        out.putNextEntry(entry);
        out.write(content);
        out.closeEntry();
    }

    private static byte[] sha256(ZipFile zip, ZipEntry entry) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = zip.getInputStream(entry);
                OutputStream sink = new java.security.DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
            in.transferTo(sink);
        }
        return digest.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lines(Iterable<String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach(value -> out.append(value).append('\n'));
        return out.toString();
    }
}
