package dev.gatehouse.server.http;

import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.StreamWindow;
import dev.gatehouse.guardrail.pii.Placeholders;
import dev.gatehouse.guardrail.pii.Restorer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A streamed answer on its way through the output guardrails (docs/guardrails.md, "Streams").
 * Each channel's text goes through a {@link StreamWindow}: an event carries the text the window
 * released, not the upstream's delta, and what the window held back goes out in a later event,
 * at the latest in one made like the channel's last text event when its text ends. When the
 * window trips, {@link #next} throws the error the relay ends the stream with, and nothing of
 * the finding has gone out. A policy that only logs holds nothing back: each channel's text is
 * scanned once when it ends, and its findings counted. The request's reversible placeholders
 * are put back in what is released. One stream's; not thread-safe.
 */
final class GuardedStream<T> implements EventStream<T> {

    /**
     * What checks the text: {@code detector} (null for none), whether its findings cut the stream
     * ({@code cuts}) or are only counted, and the request's placeholders (null for none).
     */
    record Check(Detector detector, boolean cuts, Placeholders placeholders) {
        Check {
            if (cuts && detector == null) {
                throw new IllegalArgumentException("a check that cuts the stream needs a detector");
            }
        }
    }

    /** What becomes of findings: the stream's error when they cut it, a count when they do not. */
    interface Findings {
        GatewayException tripped(List<Finding> findings);

        void logged(List<Finding> findings);
    }

    /** One channel's state: its window or its logged text, its restorer, its last text event. */
    private final class Channel {
        private final StreamWindow window = check.cuts() ? StreamWindow.of(check.detector()) : null;
        /** The upstream's text the window holds back, to charge should the stream end before it goes out. */
        private final StringBuilder held = new StringBuilder();
        private final StringBuilder logged = check.detector() != null && !check.cuts() ? new StringBuilder() : null;
        private final Restorer restorer = check.placeholders() == null ? null : check.placeholders().restorer();
        private T last;

        String feed(String text) {
            if (logged != null) {
                logged.append(text);
            }
            if (window != null) {
                held.append(text);
            }
            return restore(window == null ? text : released(window.feed(text)), false);
        }

        String finish() {
            if (logged != null) {
                List<Finding> found = check.detector().scan(logged);
                if (!found.isEmpty()) {
                    findings.logged(found);
                }
            }
            return restore(window == null ? "" : released(window.finish()), true);
        }

        private String restore(String text, boolean end) {
            if (restorer == null) {
                return text;
            }
            return end ? restorer.feed(text) + restorer.finish() : restorer.feed(text);
        }

        private String released(StreamWindow.Step step) {
            return switch (step) {
                case StreamWindow.Step.Release release -> {
                    held.delete(0, release.text().length());
                    yield release.text();
                }
                case StreamWindow.Step.Trip trip -> {
                    ended = true; // nothing more is read or released
                    ready.clear();
                    chargeHeld();
                    throw findings.tripped(trip.findings());
                }
            };
        }
    }

    private final EventStream<T> upstream;
    private final StreamTexts<T> texts;
    private final Check check;
    private final Findings findings;
    private final Consumer<T> unsent;
    private final Map<Integer, Channel> open = new LinkedHashMap<>();
    private final Deque<T> ready = new ArrayDeque<>();
    private boolean ended;
    /** The upstream's own failure, thrown once what was held back before it has gone out. */
    private GatewayException failure;

    /**
     * @param unsent charges an event that is never written: the text held back when the stream
     *               ends before it goes out (a trip, the caller gone), which the upstream made and
     *               bills all the same ({@link SseEncoder#unsent})
     */
    GuardedStream(EventStream<T> upstream, StreamTexts<T> texts, Check check, Findings findings, Consumer<T> unsent) {
        this.upstream = upstream;
        this.texts = texts;
        this.check = check;
        this.findings = findings;
        this.unsent = unsent;
    }

    @Override
    public boolean hasNext() {
        fill();
        return !ready.isEmpty();
    }

    @Override
    public T next() {
        fill();
        if (ready.isEmpty()) {
            throw new NoSuchElementException();
        }
        return ready.removeFirst();
    }

    @Override
    public boolean nextIsReady() {
        return !ready.isEmpty() || upstream.nextIsReady();
    }

    @Override
    public void close() {
        try {
            if (!ended) {
                chargeHeld(); // the caller left before the end
            }
        } finally {
            upstream.close();
        }
    }

    /** Charges, once, the text every channel still holds back, as events like its last ones. */
    private void chargeHeld() {
        open.forEach((channel, c) -> {
            if (!c.held.isEmpty() && c.last != null) {
                unsent.accept(texts.more(c.last, channel, c.held.toString()));
            }
            c.held.setLength(0);
        });
    }

    /**
     * Reads upstream events until one can be written or the upstream has ended. An upstream that
     * fails midway (its error event, a dropped connection) ends the text as its normal end does:
     * the held-back text gets its last scan and goes out, so the caller and the spend ticket have
     * everything the model wrote before the failure, which is then thrown.
     */
    private void fill() {
        while (ready.isEmpty() && !ended) {
            T event = null;
            try {
                event = upstream.hasNext() ? upstream.next() : null;
            } catch (GatewayException upstreamFailure) {
                failure = upstreamFailure;
            }
            if (event != null) {
                take(event);
                continue;
            }
            ended = true;
            for (int channel : List.copyOf(open.keySet())) {
                end(channel);
            }
        }
        if (ready.isEmpty() && failure != null) {
            GatewayException thrown = failure;
            failure = null;
            throw thrown;
        }
    }

    private void take(T event) {
        Map<Integer, String> carried = texts.texts(event);
        Set<Integer> ends = texts.endsAll(event) ? Set.copyOf(open.keySet()) : texts.ends(event);
        Map<Integer, String> released = new LinkedHashMap<>();
        carried.forEach((channel, text) -> {
            Channel c = open.computeIfAbsent(channel, k -> new Channel());
            c.last = event;
            String out = c.feed(text);
            if (ends.contains(channel)) {
                // The event ends the text it carries: the rest goes out in it, not after it.
                out += c.finish();
                open.remove(channel);
            }
            released.put(channel, out);
        });
        for (int channel : ends) {
            if (!carried.containsKey(channel)) {
                end(channel);
            }
        }
        T out = carried.isEmpty() ? event : texts.withTexts(event, released);
        ready.addLast(check.placeholders() == null ? out : texts.repeated(out, check.placeholders()::restore));
    }

    /** Finishes a channel's text: what it held back goes out in an event like its last one. */
    private void end(int channel) {
        Channel c = open.get(channel);
        if (c == null) {
            return;
        }
        String rest = c.finish(); // still open should it trip, so that what it held is charged
        open.remove(channel);
        if (!rest.isEmpty()) {
            ready.addLast(texts.more(c.last, channel, rest));
        }
    }
}
