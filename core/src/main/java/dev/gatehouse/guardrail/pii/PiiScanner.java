package dev.gatehouse.guardrail.pii;

import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The personal-data detector a guardrail policy asks for: the kinds it names, each found by its
 * own detector, the findings in text order and never overlapping (where two kinds claim the same
 * characters, the one with the stronger check wins: an IBAN or a card number, which carry a
 * checksum, over a phone number). Immutable and thread-safe: one instance serves every request.
 */
public final class PiiScanner implements Detector {

    /** Stronger checks first: checksums, then fixed shapes, then the phone's looser rules. */
    private static final List<PiiKind> PRECEDENCE = List.of(PiiKind.IBAN, PiiKind.PAYMENT_CARD, PiiKind.EMAIL,
            PiiKind.US_SSN, PiiKind.IP_ADDRESS, PiiKind.PHONE);

    private final Map<PiiKind, Detector> detectors;

    private PiiScanner(Set<PiiKind> kinds) {
        Map<PiiKind, Detector> chosen = new EnumMap<>(PiiKind.class);
        for (PiiKind kind : PRECEDENCE) {
            if (kinds.contains(kind)) {
                chosen.put(kind, detectorFor(kind));
            }
        }
        this.detectors = chosen;
    }

    /** Every kind. */
    public static PiiScanner all() {
        return new PiiScanner(EnumSet.allOf(PiiKind.class));
    }

    /** The kinds named; none is a scanner that finds nothing. */
    public static PiiScanner of(Set<PiiKind> kinds) {
        return new PiiScanner(kinds.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(kinds));
    }

    public Set<PiiKind> kinds() {
        return detectors.isEmpty() ? EnumSet.noneOf(PiiKind.class) : EnumSet.copyOf(detectors.keySet());
    }

    private static Detector detectorFor(PiiKind kind) {
        return switch (kind) {
            case EMAIL -> new EmailDetector();
            case PHONE -> new PhoneDetector();
            case PAYMENT_CARD -> new PaymentCardDetector();
            case IBAN -> new IbanDetector();
            case US_SSN -> new UsSsnDetector();
            case IP_ADDRESS -> new IpAddressDetector();
        };
    }

    @Override
    public List<Finding> scan(CharSequence text) {
        // Kept findings never overlap, by start: the one starting last before a new finding's end
        // is the only one that can overlap it.
        TreeMap<Integer, Finding> kept = new TreeMap<>();
        for (PiiKind kind : PRECEDENCE) {
            Detector detector = detectors.get(kind);
            if (detector == null) {
                continue;
            }
            for (Finding f : detector.scan(text)) {
                Map.Entry<Integer, Finding> before = kept.lowerEntry(f.end());
                if (before == null || before.getValue().end() <= f.start()) {
                    kept.put(f.start(), f);
                }
            }
        }
        return List.copyOf(kept.values());
    }
}
