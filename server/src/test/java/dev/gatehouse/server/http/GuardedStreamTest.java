package dev.gatehouse.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.EventStream;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.guardrail.pii.PiiScanner;
import dev.gatehouse.guardrail.pii.Placeholders;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guarded stream with a small event type of its own: text is released only once the window
 * has seen what follows it, held-back text goes out before the event that ends its channel (or
 * in it), channels are checked apart, a trip throws before any of the finding is released, a
 * logging policy holds nothing back, and placeholders are restored in deltas and repeated texts.
 */
class GuardedStreamTest {

    /** A made-up key format, so no real key format is exercised here. */
    private static final Pattern KEY = Pattern.compile("tk_[a-z0-9]{27}");
    private static final String A_KEY = "tk_" + "q7w8e9r0t1y2u3i4o5p6a7s8d9f";
    private static final Detector KEYS = text -> {
        List<Finding> found = new ArrayList<>();
        Matcher m = KEY.matcher(text);
        while (m.find()) {
            found.add(new Finding("test_key", Finding.Category.SECRET, m.start(), m.end()));
        }
        return found;
    };
    private static final String PROSE = "Rivers run to the sea, and the sea is never full. ".repeat(8);

    /** An event: text on a channel, or the end of a channel's text, or a text repeated in full. */
    private record Event(int channel, String text, boolean ends, String repeats) {
        static Event text(int channel, String text) {
            return new Event(channel, text, false, null);
        }

        static Event end(int channel) {
            return new Event(channel, null, true, null);
        }
    }

    private static final StreamTexts<Event> TEXTS = new StreamTexts<>() {
        @Override
        public Map<Integer, String> texts(Event event) {
            return event.text() == null ? Map.of() : Map.of(event.channel(), event.text());
        }

        @Override
        public Event withTexts(Event event, Map<Integer, String> texts) {
            return new Event(event.channel(), texts.get(event.channel()), event.ends(), event.repeats());
        }

        @Override
        public Set<Integer> ends(Event event) {
            return event.ends() ? Set.of(event.channel()) : Set.of();
        }

        @Override
        public Event more(Event like, int channel, String text) {
            return Event.text(channel, text);
        }

        @Override
        public Event repeated(Event event, UnaryOperator<String> restore) {
            return event.repeats() == null ? event
                    : new Event(event.channel(), event.text(), event.ends(), restore.apply(event.repeats()));
        }
    };

    /** What the guarded stream reported. */
    private static final class Seen implements GuardedStream.Findings {
        final List<Finding> tripped = new ArrayList<>();
        final List<Finding> logged = new ArrayList<>();
        final List<Event> unsent = new ArrayList<>();

        @Override
        public GatewayException tripped(List<Finding> findings) {
            tripped.addAll(findings);
            return new GatewayException.BadRequest("cut", null);
        }

        @Override
        public void logged(List<Finding> findings) {
            logged.addAll(findings);
        }
    }

    private static EventStream<Event> of(List<Event> events) {
        Iterator<Event> it = events.iterator();
        return new EventStream<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Event next() {
                return it.next();
            }

            @Override
            public void close() {}
        };
    }

    private static List<Event> pieces(int channel, String text, int size) {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(Event.text(channel, text.substring(i, Math.min(text.length(), i + size))));
        }
        return out;
    }

    private static String text(List<Event> events, int channel) {
        StringBuilder out = new StringBuilder();
        events.stream().filter(e -> e.channel() == channel && e.text() != null).forEach(e -> out.append(e.text()));
        return out.toString();
    }

    private static GuardedStream<Event> guarded(List<Event> upstream, GuardedStream.Check check, Seen seen) {
        return new GuardedStream<>(of(upstream), TEXTS, check, seen, seen.unsent::add);
    }

    @Test
    void cleanChannelsComeOutWholeWithWhatWasHeldBackBeforeTheEventThatEndsThem() {
        List<Event> upstream = new ArrayList<>();
        List<Event> a = pieces(0, PROSE, 7);
        List<Event> b = pieces(1, PROSE.toUpperCase(), 11);
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                upstream.add(a.get(i));
            }
            if (i < b.size()) {
                upstream.add(b.get(i));
            }
        }
        upstream.add(Event.end(0));
        Seen seen = new Seen();
        List<Event> out = new ArrayList<>();
        guarded(upstream, new GuardedStream.Check(KEYS, true, null), seen).forEachRemaining(out::add);

        assertEquals(PROSE, text(out, 0));
        assertEquals(PROSE.toUpperCase(), text(out, 1));
        int end = out.indexOf(Event.end(0));
        assertEquals(PROSE, text(out.subList(0, end), 0), "channel 0's text is all out before its end");
        assertTrue(out.getFirst().text().isEmpty(), "the first characters wait for what follows them");
        assertTrue(seen.tripped.isEmpty() && seen.logged.isEmpty());
    }

    @Test
    void anEventThatEndsTheTextItCarriesCarriesWhatWasHeldBackToo() {
        List<Event> upstream = new ArrayList<>(pieces(0, PROSE, 9));
        upstream.add(new Event(0, "The end.", true, null));
        List<Event> out = new ArrayList<>();
        guarded(upstream, new GuardedStream.Check(KEYS, true, null), new Seen()).forEachRemaining(out::add);
        assertEquals(upstream.size(), out.size(), "no event was made");
        assertTrue(out.getLast().ends() && out.getLast().text().endsWith("The end."));
        assertEquals(PROSE + "The end.", text(out, 0));
    }

    @Test
    void aKeySplitAcrossEventsTripsBeforeAnyOfItIsReleased() {
        String answer = PROSE + "the key is " + A_KEY + " and more text after it";
        List<Event> upstream = new ArrayList<>(pieces(0, answer, 6));
        upstream.add(Event.end(0));
        Seen seen = new Seen();
        GuardedStream<Event> stream = guarded(upstream, new GuardedStream.Check(KEYS, true, null), seen);
        List<Event> out = new ArrayList<>();
        GatewayException cut = assertThrows(GatewayException.class, () -> {
            while (stream.hasNext()) {
                out.add(stream.next());
            }
        });
        assertEquals("cut", cut.getMessage());
        String released = text(out, 0);
        assertFalse(released.isEmpty());
        assertTrue(answer.startsWith(released) && released.length() <= answer.indexOf(A_KEY), released);
        assertEquals(List.of(new Finding("test_key", Finding.Category.SECRET, answer.indexOf(A_KEY),
                answer.indexOf(A_KEY) + A_KEY.length())), seen.tripped);
        String charged = text(seen.unsent, 0);
        assertTrue(answer.substring(released.length()).startsWith(charged) && charged.contains(A_KEY),
                "what was held back up to the trip is charged, never written: the upstream made it");
    }

    @Test
    void aKeyAtTheEndOfItsTextTripsAtTheEndAndWhatWasHeldIsCharged() {
        List<Event> upstream = new ArrayList<>(pieces(0, PROSE + "last: " + A_KEY, 7));
        upstream.add(Event.end(0));
        Seen seen = new Seen();
        GuardedStream<Event> stream = guarded(upstream, new GuardedStream.Check(KEYS, true, null), seen);
        List<Event> out = new ArrayList<>();
        assertThrows(GatewayException.class, () -> {
            while (stream.hasNext()) {
                out.add(stream.next());
            }
        });
        assertTrue(out.stream().noneMatch(Event::ends), "the event that ended the text never went out");
        assertEquals(PROSE + "last: " + A_KEY, text(out, 0) + text(seen.unsent, 0));
        assertEquals(1, seen.tripped.size());
    }

    @Test
    void closingBeforeTheEndChargesWhatWasHeldBack() {
        Seen seen = new Seen();
        GuardedStream<Event> stream = guarded(pieces(0, PROSE, 10), new GuardedStream.Check(KEYS, true, null), seen);
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(stream.next());
        }
        stream.close();
        assertEquals(PROSE.substring(0, 300), text(out, 0) + text(seen.unsent, 0));
        assertFalse(text(seen.unsent, 0).isEmpty());
    }

    @Test
    void anUpstreamFailureReleasesWhatWasHeldBackThenIsThrown() {
        Iterator<Event> it = pieces(0, PROSE, 8).iterator();
        GatewayException broke = new GatewayException.BadRequest("upstream broke", null);
        EventStream<Event> failing = new EventStream<>() {
            @Override
            public boolean hasNext() {
                if (!it.hasNext()) {
                    throw broke;
                }
                return true;
            }

            @Override
            public Event next() {
                return it.next();
            }

            @Override
            public void close() {}
        };
        GuardedStream<Event> stream = new GuardedStream<>(failing, TEXTS, new GuardedStream.Check(KEYS, true, null),
                new Seen(), event -> {});
        List<Event> out = new ArrayList<>();
        GatewayException thrown = assertThrows(GatewayException.class, () -> {
            while (stream.hasNext()) {
                out.add(stream.next());
            }
        });
        assertSame(broke, thrown);
        assertEquals(PROSE, text(out, 0), "everything the model wrote before the failure went out first");
    }

    @Test
    void aLoggingPolicyHoldsNothingBackAndCountsWhenTheTextEnds() {
        String answer = "the key is " + A_KEY + " and more";
        List<Event> upstream = new ArrayList<>(pieces(0, answer, 5));
        upstream.add(Event.end(0));
        Seen seen = new Seen();
        List<Event> out = new ArrayList<>();
        guarded(upstream, new GuardedStream.Check(KEYS, false, null), seen).forEachRemaining(out::add);
        assertEquals(upstream, out, "every event goes out as it came");
        assertEquals(1, seen.logged.size());
        assertTrue(seen.tripped.isEmpty());
    }

    @Test
    void placeholdersSplitAcrossEventsAreRestoredInDeltasAndRepeatedTexts() {
        Placeholders placeholders = Placeholders.forRequest(PiiScanner.of(EnumSet.of(PiiKind.EMAIL)));
        assertEquals("mail [EMAIL_1]", placeholders.mask("mail ada@example.org"));
        List<Event> upstream = List.of(Event.text(0, "Sent to [EM"), Event.text(0, "AIL_"), Event.text(0, "1]."),
                Event.end(0), new Event(0, null, false, "Sent to [EMAIL_1]."));
        Event unrelated = Event.text(1, "no placeholder here");
        List<Event> withOther = new ArrayList<>(upstream);
        withOther.add(1, unrelated);
        List<Event> out = new ArrayList<>();
        guarded(withOther, new GuardedStream.Check(null, false, placeholders), new Seen()).forEachRemaining(out::add);
        assertEquals("Sent to ada@example.org.", text(out, 0));
        assertEquals("no placeholder here", text(out, 1));
        assertEquals("Sent to ada@example.org.", out.getLast().repeats());
    }
}
