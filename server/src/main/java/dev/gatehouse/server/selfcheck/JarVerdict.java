package dev.gatehouse.server.selfcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link JarCheck} found: entries whose bytes differ from the hashes recorded at build time,
 * recorded entries that are gone, entries nobody recorded; dependencies in the jar that the SBOM
 * does not list, and ones it lists that are not in the jar; and anything that kept the check from
 * running at all (no recorded hashes, no SBOM).
 *
 * @param entries      how many entries were checked
 * @param dependencies how many dependencies the jar holds
 */
public record JarVerdict(int entries, int dependencies, List<String> unreadable, List<String> changed,
        List<String> missing, List<String> extra, List<String> notInSbom, List<String> notInJar) {

    /** At most this many names of each kind are shown; the count says how many there are. */
    static final int SHOWN = 20;

    public JarVerdict {
        unreadable = List.copyOf(unreadable);
        changed = List.copyOf(changed);
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        notInSbom = List.copyOf(notInSbom);
        notInJar = List.copyOf(notInJar);
    }

    /** Whether the jar is exactly what the build made and its SBOM lists exactly what is in it. */
    public boolean ok() {
        return unreadable.isEmpty() && changed.isEmpty() && missing.isEmpty() && extra.isEmpty()
                && notInSbom.isEmpty() && notInJar.isEmpty();
    }

    /** One line per kind of mismatch, each naming what differs; empty when {@link #ok()}. */
    public List<String> mismatches() {
        List<String> out = new ArrayList<>(unreadable);
        line(out, "entries changed since the build", changed);
        line(out, "entries missing (recorded at build time, not in the jar)", missing);
        line(out, "entries not recorded at build time", extra);
        line(out, "dependencies in the jar that the SBOM does not list", notInSbom);
        line(out, "dependencies the SBOM lists that are not in the jar", notInJar);
        return out;
    }

    private static void line(List<String> out, String what, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String shown = String.join(", ", names.subList(0, Math.min(SHOWN, names.size())));
        out.add(what + " (" + names.size() + "): " + shown
                + (names.size() > SHOWN ? ", and " + (names.size() - SHOWN) + " more" : ""));
    }
}
