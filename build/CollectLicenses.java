import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The release bundle's licenses/ folder: the licence and notice files of every artifact the SBOM
 * lists, taken from that artifact's own jar in the local Maven repository (checked against the
 * lockfile by the build), one folder per artifact. The shaded jar can not serve: its merge keeps
 * one META-INF/LICENSE of many. Gatehouse's own licence files and an INDEX.txt saying, for each
 * artifact, its licence as the SBOM names it and where its text is.
 *
 * <p>Run by build/dist as a Java source-file program with gatehouse.jar on the class path (for
 * Jackson):
 *
 * <pre>java -cp gatehouse.jar build/CollectLicenses.java SBOM MAVEN_REPO GATEHOUSE_JAR PROJECT_ROOT OUT</pre>
 *
 * An artifact whose jar is missing fails (exit 1). An artifact whose jar carries no licence file
 * gets the texts kept for it in the project, build/licenses/GROUP_ARTIFACT/, taken from its source
 * repository; their SOURCE.txt names the version they were taken for and each file's SHA-256, and
 * a version other than the one shipped fails, so that a text is never shipped for another release
 * unnoticed. Without kept texts, an Apache-2.0 artifact points at Apache-2.0.txt, the licence's
 * text as published by Apache (recognised by its SHA-256) taken from another shipped jar; any
 * other artifact fails, named. A shipped licence must carry its text: MIT, for one, requires its
 * copyright line and permission notice in every copy.
 */
public final class CollectLicenses {

    /** The SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt. */
    private static final String APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
    private static final String APACHE_2_FILE = "Apache-2.0.txt";
    private static final String OWN_GROUP = "dev.gatehouse";
    private static final String CATALOG_LICENSE = "dev/gatehouse/catalog/LICENSE-litellm.txt";
    /** The project's own copies of licence texts, for artifacts whose jars carry none. */
    private static final String KEPT_LICENSES = "build/licenses";
    private static final String KEPT_SOURCE = "SOURCE.txt";

    record Artifact(String group, String name, String version, List<String> licenses) {
        String coordinates() {
            return group + ":" + name + ":" + version;
        }

        String folder() {
            return group + "/" + name + "-" + version;
        }

        /** The folder under build/licenses/ that holds this artifact's texts when its jar has none. */
        String keptFolder() {
            return group + "_" + name;
        }
    }

    /**
     * The head of a SOURCE.txt under build/licenses/: "key: value" lines up to the first blank
     * line ('#' lines aside), naming the artifact, the version the texts were taken for, its
     * licence, and each text file with its SHA-256 ("file: NAME sha256 HEX"). What follows the
     * blank line is for people: where each file came from.
     */
    record KeptSource(String artifact, String version, Map<String, String> sha256ByFile) {

        static KeptSource read(Path file) throws IOException {
            String artifact = null;
            String version = null;
            Map<String, String> files = new LinkedHashMap<>();
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank()) {
                    break;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                String[] keyValue = line.split(": ", 2);
                String value = keyValue.length == 2 ? keyValue[1].strip() : "";
                switch (keyValue[0]) {
                    case "artifact" -> artifact = value;
                    case "version" -> version = value;
                    case "licence" -> { }
                    case "file" -> {
                        String[] parts = value.split(" ");
                        if (parts.length != 3 || !parts[1].equals("sha256") || !parts[2].matches("[0-9a-f]{64}")) {
                            throw new IOException(file + ": '" + line + "' is not 'file: NAME sha256 HEX'");
                        }
                        files.put(parts[0], parts[2]);
                    }
                    default -> throw new IOException(file + ": '" + line + "' is not one of artifact:, version:,"
                            + " licence:, file: (a blank line ends them)");
                }
            }
            if (artifact == null || version == null || files.isEmpty()) {
                throw new IOException(file + " needs an artifact: line, a version: line and a file: line per text");
            }
            return new KeptSource(artifact, version, files);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: java -cp gatehouse.jar build/CollectLicenses.java SBOM MAVEN_REPO GATEHOUSE_JAR"
                    + " PROJECT_ROOT OUT");
            System.exit(2);
        }
        Path repo = Path.of(args[1]);
        Path out = Path.of(args[4]);
        List<String> index = new ArrayList<>();
        index.add("Licences of what this bundle ships, one line per artifact: coordinates, licence as the SBOM");
        index.add("(META-INF/sbom/gatehouse-sbom.json) names it, and where its licence and notice files are, under");
        index.add("this folder. The Java runtime's own licences and notices are in runtime/legal/.");
        index.add("");
        index.add(ownLicences(Path.of(args[2]), Path.of(args[3]), out.resolve("gatehouse")));
        byte[] apache2 = null;
        List<Artifact> needingApache2 = new ArrayList<>();
        List<String> withoutText = new ArrayList<>();
        Path keptRoot = Path.of(args[3]).resolve(KEPT_LICENSES);
        List<String> keptUsed = new ArrayList<>();
        for (Artifact artifact : artifacts(Path.of(args[0]))) {
            Path jar = repo.resolve(artifact.group().replace('.', '/')).resolve(artifact.name())
                    .resolve(artifact.version()).resolve(artifact.name() + "-" + artifact.version() + ".jar");
            if (!Files.isRegularFile(jar)) {
                fail(artifact.coordinates() + ": no " + jar + "; build the jar first");
            }
            List<byte[]> copied = copyFromJar(jar, out.resolve(artifact.folder()));
            for (byte[] bytes : copied) {
                if (apache2 == null && sha256(bytes).equals(APACHE_2_SHA256)) {
                    apache2 = bytes;
                }
            }
            String licences = String.join(" OR ", artifact.licenses());
            Path kept = keptRoot.resolve(artifact.keptFolder());
            if (!copied.isEmpty()) {
                index.add(artifact.coordinates() + "  " + licences + "  " + artifact.folder() + "/");
            } else if (Files.isDirectory(kept)) {
                copyKept(artifact, kept, out.resolve(artifact.folder()));
                keptUsed.add(artifact.keptFolder());
                index.add(artifact.coordinates() + "  " + licences + "  " + artifact.folder()
                        + "/ (the artifact's jar carries no licence file: taken from its source, see SOURCE.txt there)");
            } else if (artifact.licenses().equals(List.of("Apache-2.0"))) {
                needingApache2.add(artifact);
                index.add(artifact.coordinates() + "  " + licences + "  " + APACHE_2_FILE
                        + " (the artifact's jar carries no licence file)");
            } else {
                withoutText.add(artifact.coordinates() + " (" + licences + ")");
            }
        }
        if (!withoutText.isEmpty()) {
            fail("no licence text for " + String.join(", ", withoutText) + ": its jar carries none and "
                    + KEPT_LICENSES + "/ has none for it. Add the licence file from its source repository at that"
                    + " version's release tag to " + KEPT_LICENSES + "/GROUP_ARTIFACT/ with a " + KEPT_SOURCE
                    + " (docs/supply-chain.md, \"The release bundle\")");
        }
        for (String unused : keptFolders(keptRoot)) {
            if (!keptUsed.contains(unused)) {
                System.err.println("CollectLicenses: warning: " + KEPT_LICENSES + "/" + unused + "/ is not used (its"
                        + " artifact no longer ships, or its jar now carries its own licence); remove it");
            }
        }
        if (!needingApache2.isEmpty()) {
            if (apache2 == null) {
                fail("no shipped jar holds the Apache License 2.0 text that " + needingApache2 + " need");
            }
            Files.write(out.resolve(APACHE_2_FILE), apache2);
        }
        Files.writeString(out.resolve("INDEX.txt"), String.join("\n", index) + "\n");
    }

    /** Copies the licence and notice files of an artifact's jar into its folder; returns their contents. */
    private static List<byte[]> copyFromJar(Path jar, Path folder) throws IOException {
        List<byte[]> copied = new ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory() || !isLicenceFile(entry.getName())) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                Path target = folder.resolve(entry.getName().replaceFirst("^META-INF/", "")).normalize();
                if (!target.startsWith(folder)) {
                    throw new IOException(jar + " holds an entry outside its folder: " + entry.getName());
                }
                Files.createDirectories(target.getParent());
                Files.write(target, bytes);
                copied.add(bytes);
            }
        }
        return copied;
    }

    /**
     * Copies the texts kept in build/licenses/ for an artifact, and their SOURCE.txt, after checking
     * that they were taken for the version that ships and are the files SOURCE.txt names, unchanged.
     */
    private static void copyKept(Artifact artifact, Path kept, Path target) throws Exception {
        String where = KEPT_LICENSES + "/" + artifact.keptFolder() + "/";
        if (!Files.isRegularFile(kept.resolve(KEPT_SOURCE))) {
            fail(where + " has no " + KEPT_SOURCE + " saying where its texts come from and for which version");
        }
        KeptSource source = null;
        try {
            source = KeptSource.read(kept.resolve(KEPT_SOURCE));
        } catch (IOException e) {
            fail(e.getMessage());
        }
        String coordinates = artifact.group() + ":" + artifact.name();
        if (!source.artifact().equals(coordinates)) {
            fail(where + KEPT_SOURCE + " is for " + source.artifact() + ", not " + coordinates);
        }
        if (!source.version().equals(artifact.version())) {
            fail(artifact.coordinates() + " ships, but the licence text in " + where + " was taken for version "
                    + source.version() + ": refresh it from the source repository at " + artifact.version()
                    + "'s release tag and update " + KEPT_SOURCE + " (docs/supply-chain.md, \"The release bundle\")");
        }
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(kept)) {
            files.map(file -> file.getFileName().toString()).filter(name -> !name.equals(KEPT_SOURCE)).forEach(present::add);
        }
        if (!present.equals(new TreeSet<>(source.sha256ByFile().keySet()))) {
            fail(where + " holds " + present + " but " + KEPT_SOURCE + " names " + source.sha256ByFile().keySet());
        }
        Files.createDirectories(target);
        for (Map.Entry<String, String> file : source.sha256ByFile().entrySet()) {
            byte[] bytes = Files.readAllBytes(kept.resolve(file.getKey()));
            if (!sha256(bytes).equals(file.getValue())) {
                fail(where + file.getKey() + " has SHA-256 " + sha256(bytes) + ", and " + KEPT_SOURCE
                        + " records " + file.getValue() + " for the text taken from the source: restore it, or"
                        + " record where the new text comes from");
            }
            Files.write(target.resolve(file.getKey()), bytes);
        }
        Files.copy(kept.resolve(KEPT_SOURCE), target.resolve(KEPT_SOURCE));
    }

    /** The folders under build/licenses/, by name. */
    private static List<String> keptFolders(Path keptRoot) throws IOException {
        if (!Files.isDirectory(keptRoot)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(keptRoot)) {
            return folders.filter(Files::isDirectory).map(folder -> folder.getFileName().toString()).sorted().toList();
        }
    }

    private static void fail(String message) {
        System.err.println("CollectLicenses: " + message);
        System.exit(1);
    }

    /** Gatehouse's own licence (LICENSE at the project root, when there is one) and the catalog's LiteLLM licence. */
    private static String ownLicences(Path gatehouseJar, Path root, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> files = new ArrayList<>();
        for (String name : new String[] {"LICENSE", "NOTICE"}) {
            if (Files.isRegularFile(root.resolve(name))) {
                Files.copy(root.resolve(name), dir.resolve(name));
                files.add(name);
            }
        }
        try (ZipFile zip = new ZipFile(gatehouseJar.toFile())) {
            ZipEntry entry = zip.getEntry(CATALOG_LICENSE);
            if (entry == null) {
                throw new IOException(gatehouseJar + " holds no " + CATALOG_LICENSE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.write(dir.resolve("LICENSE-litellm.txt"), in.readAllBytes());
            }
        }
        return "gatehouse (this project)  " + (files.isEmpty() ? "no LICENSE file at the project's root" : String.join(", ", files))
                + "; the model catalog is generated from LiteLLM's price map: gatehouse/LICENSE-litellm.txt";
    }

    /** Every library the SBOM lists, Gatehouse's own modules aside, in the SBOM's order. */
    private static List<Artifact> artifacts(Path sbom) throws IOException {
        JsonNode root = new ObjectMapper().readTree(sbom.toFile());
        List<Artifact> artifacts = new ArrayList<>();
        for (JsonNode component : root.path("components")) {
            String group = component.path("group").asText();
            if (group.equals(OWN_GROUP)) {
                continue;
            }
            List<String> licenses = new ArrayList<>();
            for (JsonNode choice : component.path("licenses")) {
                JsonNode license = choice.path("license");
                String name = license.path("id").asText(license.path("name").asText(choice.path("expression").asText()));
                String url = license.path("url").asText("");
                licenses.add(url.isEmpty() ? name : name + " <" + url + ">");
            }
            if (licenses.isEmpty()) {
                licenses.add("(no licence in the SBOM)");
            }
            artifacts.add(new Artifact(group, component.path("name").asText(), component.path("version").asText(), licenses));
        }
        return artifacts;
    }

    /** LICENSE*, NOTICE*, COPYING* anywhere (FastDoubleParser-LICENSE too), and licences of bundled code under META-INF/licenses/. */
    private static boolean isLicenceFile(String entry) {
        String file = entry.substring(entry.lastIndexOf('/') + 1).toUpperCase(java.util.Locale.ROOT);
        if (file.endsWith(".CLASS")) {
            return false;
        }
        return entry.startsWith("META-INF/licenses/") || file.startsWith("LICENSE") || file.startsWith("NOTICE")
                || file.startsWith("COPYING") || file.endsWith("-LICENSE") || file.endsWith("-NOTICE");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
