package dev.gatehouse.guardrail;

import java.util.List;
import java.util.Objects;

/**
 * The output check of one streamed answer: text goes out only after a detector has seen it
 * together with what follows it. {@link #feed} holds back the last {@code holdBack} characters
 * (they could be the start of something a later delta completes) and releases the rest; when
 * the detector finds something that touches text not yet released, the window trips and
 * releases nothing more. {@link #finish} scans once more and releases what was held back.
 *
 * <p>Each scan covers the unreleased text plus up to {@code holdBack} characters already
 * released before it, so a finding that needs context on its left (a credential word before a
 * value) is still seen whole, and one scan costs at most about {@code 2 × holdBack} plus the
 * delta, however long the stream. For that to hold, {@code holdBack} must be at least the
 * longest span a finding of the detector can have, context included: a longer one can cross the
 * window unseen. Findings that lie wholly in text released earlier were judged when that text
 * was scanned and do not trip it again.
 *
 * <p>To act only on some findings (trip on secrets, merely log personal data), give the window a
 * detector that filters; it is a functional interface. One window per stream; not thread-safe.
 */
public final class StreamWindow {

    /** A hold-back that covers every key format and personal-data pattern the bundled detectors know. */
    public static final int DEFAULT_HOLD_BACK = 256;

    /** What one {@link #feed} or {@link #finish} came to. */
    public sealed interface Step {

        /** This text (possibly empty) may be sent to the caller now. */
        record Release(String text) implements Step {
            public Release {
                Objects.requireNonNull(text, "text");
            }

            /** Never the text: an answer does not belong in a log line. */
            @Override
            public String toString() {
                return "Release[" + text.length() + " chars]";
            }
        }

        /**
         * The detector found these (offsets counted from the stream's first character); nothing
         * more is released, and the stream is to be ended with an error.
         */
        record Trip(List<Finding> findings) implements Step {
            public Trip {
                findings = List.copyOf(findings);
                if (findings.isEmpty()) {
                    throw new IllegalArgumentException("a trip has at least one finding");
                }
            }
        }
    }

    private final Detector detector;
    private final int holdBack;
    /** Released context (its first {@code contextLength} chars), then the text not released yet. */
    private final StringBuilder buffer = new StringBuilder();
    private int contextLength;
    /** How many characters of the stream have been released. */
    private int released;
    private boolean over;

    public StreamWindow(Detector detector, int holdBack) {
        this.detector = Objects.requireNonNull(detector, "detector");
        if (holdBack < 1) {
            throw new IllegalArgumentException("holdBack must be at least 1");
        }
        this.holdBack = holdBack;
    }

    /** A window holding back {@value #DEFAULT_HOLD_BACK} characters. */
    public static StreamWindow of(Detector detector) {
        return new StreamWindow(detector, DEFAULT_HOLD_BACK);
    }

    /** Takes the next piece of the answer's text; says what may be released now, or that the window tripped. */
    public Step feed(CharSequence delta) {
        if (over) {
            throw new IllegalStateException("the window has tripped or finished");
        }
        buffer.append(delta);
        Step.Trip trip = scan();
        if (trip != null) {
            return trip;
        }
        int cut = buffer.length() - holdBack;
        if (cut > contextLength && Character.isHighSurrogate(buffer.charAt(cut - 1))) {
            cut--; // never release half of a surrogate pair
        }
        if (cut <= contextLength) {
            return new Step.Release("");
        }
        String out = buffer.substring(contextLength, cut);
        released += out.length();
        contextLength = cut;
        trimContext();
        return new Step.Release(out);
    }

    /** The answer ended: a last scan, then everything held back, or the trip. Nothing may be fed after. */
    public Step finish() {
        if (over) {
            throw new IllegalStateException("the window has tripped or finished");
        }
        Step.Trip trip = scan();
        if (trip != null) {
            return trip;
        }
        over = true;
        String out = buffer.substring(contextLength);
        released += out.length();
        buffer.setLength(0);
        contextLength = 0;
        return new Step.Release(out);
    }

    /** How many characters have been released so far. */
    public int released() {
        return released;
    }

    /** The findings touching unreleased text, in stream offsets; null when there are none. */
    private Step.Trip scan() {
        List<Finding> findings = detector.scan(buffer);
        int offset = released - contextLength;
        List<Finding> tripping = findings.stream()
                .filter(f -> f.end() > contextLength)
                .map(f -> new Finding(f.kind(), f.category(), f.start() + offset, f.end() + offset))
                .toList();
        if (tripping.isEmpty()) {
            return null;
        }
        over = true;
        return new Step.Trip(tripping);
    }

    /** Keeps at most {@code holdBack} released characters as context, not starting inside a surrogate pair. */
    private void trimContext() {
        int drop = contextLength - holdBack;
        if (drop <= 0) {
            return;
        }
        if (Character.isLowSurrogate(buffer.charAt(drop))) {
            drop++;
        }
        buffer.delete(0, drop);
        contextLength -= drop;
    }
}
