import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dependency ledger check: every runtime dependency that Maven resolved for a module
 * must have its row in docs/dependencies.md, with the same version and the module named.
 *
 * <p>Run by the build (see the parent POM) as a Java source-file program, so it needs no
 * plugin of its own:
 *
 * <pre>java build/CheckDependencies.java MODULE RESOLVED_LIST LEDGER ONLY_GROUPS</pre>
 *
 * RESOLVED_LIST is the output of {@code dependency:list -DincludeScope=runtime}.
 * ONLY_GROUPS is {@code *} or a comma-separated list of group ids: a hard rule on top of
 * the ledger (core may depend on Jackson only, whatever the ledger says). Exit status 1
 * names every artifact at fault.
 */
public final class CheckDependencies {

    /** groupId:artifactId:type[:classifier]:version:scope, as dependency:list prints it. */
    private static final Pattern RESOLVED = Pattern.compile(
            "^\\s*([\\w.\\-]+):([\\w.\\-]+):([\\w.\\-]+)(?::([\\w.\\-]+))?:([\\w.\\-]+):(compile|runtime)\\b.*$");

    /** A ledger row: | `group:artifact` | version | modules | why |. */
    private static final Pattern ROW = Pattern.compile(
            "^\\|\\s*`([\\w.\\-]+):([\\w.\\-]+)`\\s*\\|\\s*([^|]+?)\\s*\\|\\s*([^|]+?)\\s*\\|.*$");

    private static final String OWN_GROUP = "dev.gatehouse";

    record Artifact(String group, String artifact, String version) {
        String key() {
            return group + ":" + artifact;
        }
    }

    record Row(String version, Set<String> modules) {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: CheckDependencies MODULE RESOLVED_LIST LEDGER ONLY_GROUPS");
            System.exit(2);
        }
        String module = args[0];
        List<Artifact> resolved = readResolved(Path.of(args[1]));
        Map<String, Row> ledger = readLedger(Path.of(args[2]));
        Set<String> onlyGroups = args[3].equals("*") ? null : Set.of(args[3].split(","));

        List<String> problems = new ArrayList<>();
        for (Artifact a : resolved) {
            if (onlyGroups != null && !onlyGroups.contains(a.group())) {
                problems.add(a.key() + ":" + a.version() + " is not allowed in " + module
                        + " at all (only " + String.join(", ", new TreeSet<>(onlyGroups)) + ")");
            }
            Row row = ledger.get(a.key());
            if (row == null) {
                problems.add(a.key() + ":" + a.version() + " is a runtime dependency of " + module
                        + " but docs/dependencies.md does not list it");
            } else if (!row.version().equals(a.version())) {
                problems.add(a.key() + " resolved to " + a.version() + " in " + module
                        + " but docs/dependencies.md lists version " + row.version());
            } else if (!row.modules().contains(module)) {
                problems.add(a.key() + ":" + a.version() + " is a runtime dependency of " + module
                        + " but its row in docs/dependencies.md does not name " + module);
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("Dependency ledger check failed for " + module + ":");
            problems.forEach(p -> System.err.println("  - " + p));
            System.err.println("Justify each new runtime dependency in docs/dependencies.md (see its header).");
            System.exit(1);
        }
        System.out.println("Dependency ledger: " + resolved.size() + " runtime dependencies of " + module
                + ", all listed in docs/dependencies.md");
    }

    static List<Artifact> readResolved(Path file) throws IOException {
        List<Artifact> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = RESOLVED.matcher(line);
            if (m.matches() && !m.group(1).equals(OWN_GROUP)) {
                out.add(new Artifact(m.group(1), m.group(2), m.group(5)));
            }
        }
        return out;
    }

    static Map<String, Row> readLedger(Path file) throws IOException {
        Map<String, Row> rows = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                Set<String> modules = new TreeSet<>();
                for (String part : m.group(4).split(",")) {
                    modules.add(part.trim());
                }
                rows.put(m.group(1) + ":" + m.group(2), new Row(m.group(3), modules));
            }
        }
        return rows;
    }
}
