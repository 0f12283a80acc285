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
import java.util.List;
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
 * An artifact whose jar is missing fails (exit 1). An Apache-2.0 artifact without a licence file
 * points at Apache-2.0.txt, the licence's text as published by Apache (recognised by its SHA-256)
 * taken from another shipped jar. Any other artifact without a text is named in the index and
 * on standard error.
 */
public final class CollectLicenses {

    /** The SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt. */
    private static final String APACHE_2_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
    private static final String APACHE_2_FILE = "Apache-2.0.txt";
    private static final String OWN_GROUP = "dev.gatehouse";
    private static final String CATALOG_LICENSE = "dev/gatehouse/catalog/LICENSE-litellm.txt";

    record Artifact(String group, String name, String version, List<String> licenses) {
        String coordinates() {
            return group + ":" + name + ":" + version;
        }

        String folder() {
            return group + "/" + name + "-" + version;
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
        for (Artifact artifact : artifacts(Path.of(args[0]))) {
            Path jar = repo.resolve(artifact.group().replace('.', '/')).resolve(artifact.name())
                    .resolve(artifact.version()).resolve(artifact.name() + "-" + artifact.version() + ".jar");
            if (!Files.isRegularFile(jar)) {
                System.err.println("CollectLicenses: " + artifact.coordinates() + ": no " + jar + "; build the jar first");
                System.exit(1);
            }
            List<String> copied = new ArrayList<>();
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
                    if (apache2 == null && sha256(bytes).equals(APACHE_2_SHA256)) {
                        apache2 = bytes;
                    }
                    String name = entry.getName().replaceFirst("^META-INF/", "");
                    Path target = out.resolve(artifact.folder()).resolve(name).normalize();
                    if (!target.startsWith(out.resolve(artifact.folder()))) {
                        throw new IOException(jar + " holds an entry outside its folder: " + entry.getName());
                    }
                    Files.createDirectories(target.getParent());
                    Files.write(target, bytes);
                    copied.add(name);
                }
            }
            String licences = String.join(" OR ", artifact.licenses());
            if (!copied.isEmpty()) {
                index.add(artifact.coordinates() + "  " + licences + "  " + artifact.folder() + "/");
            } else if (artifact.licenses().equals(List.of("Apache-2.0"))) {
                needingApache2.add(artifact);
                index.add(artifact.coordinates() + "  " + licences + "  " + APACHE_2_FILE
                        + " (the artifact's jar carries no licence file)");
            } else {
                withoutText.add(artifact.coordinates() + " (" + licences + ")");
                index.add(artifact.coordinates() + "  " + licences
                        + "  NO TEXT: the artifact's jar carries no licence file; see the licence's own URL");
            }
        }
        if (!needingApache2.isEmpty()) {
            if (apache2 == null) {
                System.err.println("CollectLicenses: no shipped jar holds the Apache License 2.0 text that "
                        + needingApache2 + " need");
                System.exit(1);
            }
            Files.write(out.resolve(APACHE_2_FILE), apache2);
        }
        Files.writeString(out.resolve("INDEX.txt"), String.join("\n", index) + "\n");
        for (String missing : withoutText) {
            System.err.println("CollectLicenses: warning: no licence text for " + missing);
        }
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
