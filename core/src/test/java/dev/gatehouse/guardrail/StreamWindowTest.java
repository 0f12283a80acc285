package dev.gatehouse.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding.Category;
import dev.gatehouse.guardrail.StreamWindow.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The sliding window over a streamed answer: clean text comes out whole and in order, a secret
 * however it is split trips the window before any of it is released, context on the left counts,
 * and one scan never covers much more than twice the hold-back.
 */
class StreamWindowTest {

    /** A made-up key format of 30 characters, so no real key format is exercised or needed here. */
    private static final Pattern KEY = Pattern.compile("tk_[a-z0-9]{27}");
    private static final String A_KEY = "tk_" + "q7w8e9r0t1y2u3i4o5p6a7s8d9f";
    private static final Detector KEYS = regex(KEY, "test_key", Category.SECRET);

    @Test
    void cleanTextComesOutWholeAndInOrderWithTheTailHeldBackUntilTheEnd() {
        String answer = "The capital of France is Paris. ".repeat(40);
        StreamWindow window = new StreamWindow(KEYS, 64);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < answer.length(); i += 7) {
            out.append(release(window.feed(answer.substring(i, Math.min(answer.length(), i + 7)))));
            int fed = Math.min(answer.length(), i + 7);
            assertTrue(out.length() <= Math.max(0, fed - 64), "the last 64 characters are held back");
            assertEquals(answer.substring(0, out.length()), out.toString());
        }
        out.append(release(window.finish()));
        assertEquals(answer, out.toString());
        assertEquals(answer.length(), window.released());
    }

    @Test
    void aKeyFedOneCharacterAtATimeTripsBeforeAnyOfItIsReleased() {
        String answer = "Sure, here is the config: api_key = " + A_KEY + " and the rest of the answer.";
        int keyStart = answer.indexOf(A_KEY);
        StreamWindow window = new StreamWindow(KEYS, 40);
        StringBuilder out = new StringBuilder();
        Step.Trip trip = null;
        for (int i = 0; i < answer.length() && trip == null; i++) {
            Step step = window.feed(answer.substring(i, i + 1));
            if (step instanceof Step.Trip t) {
                trip = t;
                assertEquals(keyStart + A_KEY.length() - 1, i, "it trips on the key's last character");
            } else {
                out.append(release(step));
            }
        }
        assertTrue(trip != null, "the window tripped");
        assertEquals(List.of(new Finding("test_key", Category.SECRET, keyStart, keyStart + A_KEY.length())), trip.findings());
        assertTrue(out.length() <= keyStart, "nothing of the key was released");
        assertThrows(IllegalStateException.class, () -> window.feed("more"));
        assertThrows(IllegalStateException.class, window::finish);
    }

    @Test
    void everySplitOfAnAnswerWithAKeyTripsAndNeverReleasesAPartOfIt() {
        for (long seed = 1; seed <= 300; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            String before = "word ".repeat(random.nextInt(0, 120));
            String answer = before + A_KEY + " tail".repeat(random.nextInt(0, 60));
            StreamWindow window = new StreamWindow(KEYS, 32 + random.nextInt(0, 200));
            StringBuilder out = new StringBuilder();
            boolean tripped = false;
            int i = 0;
            while (i < answer.length() && !tripped) {
                int end = Math.min(answer.length(), i + 1 + random.nextInt(0, 50));
                Step step = window.feed(answer.substring(i, end));
                tripped = step instanceof Step.Trip;
                if (!tripped) {
                    out.append(release(step));
                }
                i = end;
            }
            if (!tripped) {
                tripped = window.finish() instanceof Step.Trip;
            }
            assertTrue(tripped, "seed " + seed);
            assertTrue(out.length() <= before.length(), "seed " + seed + ": part of the key was released");
        }
    }

    @Test
    void aShortAnswerIsHeldBackWholeAndReleasedAtTheFinishOrTripsWhenItsKeyCompletes() {
        StreamWindow clean = StreamWindow.of(KEYS);
        assertEquals(new Step.Release(""), clean.feed("A short answer, "));
        assertEquals(new Step.Release(""), clean.feed("shorter than the hold-back."));
        assertEquals(new Step.Release("A short answer, shorter than the hold-back."), clean.finish());
        assertThrows(IllegalStateException.class, () -> clean.feed("late"));

        StreamWindow withKey = StreamWindow.of(KEYS);
        // The first part could still have gone on into something else; only the whole key trips.
        assertEquals(new Step.Release(""), withKey.feed("key: " + A_KEY.substring(0, 20)));
        assertInstanceOf(Step.Trip.class, withKey.feed(A_KEY.substring(20)));
    }

    @Test
    void contextOnTheLeftAlreadyReleasedStillCounts() {
        // A value only counts after a credential word, which was released long before the value arrives.
        Detector afterPassword = regex(Pattern.compile("password[^=]{0,20}=\\s*\\S{12,}"), "password", Category.SECRET);
        StreamWindow window = new StreamWindow(afterPassword, 16);
        StringBuilder out = new StringBuilder();
        out.append(release(window.feed("The password you asked about is = ")));
        assertTrue(out.toString().contains("password"), "the credential word itself went out");
        Step step = window.feed("hunter2hunter2hunter2 and done");
        Step.Trip trip = assertInstanceOf(Step.Trip.class, step);
        assertTrue(trip.findings().getFirst().start() < out.length(), "the finding starts in released context");
    }

    @Test
    void aFindingWhollyInReleasedContextDoesNotTrip() {
        // The context kept on the left starts wherever the hold-back falls, here inside "Hello":
        // a detector shown "ello..." may see something that is not there (an artifact of the cut).
        // Such a finding lies wholly in text released after being judged whole, so it does not trip.
        List<String> seen = new ArrayList<>();
        Detector startsWithEllo = text -> {
            seen.add(text.toString());
            return text.toString().startsWith("ello") ? List.of(new Finding("artifact", Category.DENIED, 0, 4)) : List.of();
        };
        StreamWindow window = new StreamWindow(startsWithEllo, 8);
        assertEquals(new Step.Release("xxHello"), window.feed("xxHelloyyyyyyyy"));
        for (int i = 0; i < 6; i++) {
            assertInstanceOf(Step.Release.class, window.feed("z"));
        }
        assertTrue(seen.stream().anyMatch(text -> text.startsWith("ello")), "the cut fell inside the word: " + seen);
        assertInstanceOf(Step.Release.class, window.finish());
    }

    @Test
    void neverReleasesHalfASurrogatePair() {
        String answer = "😀".repeat(300); // each is two chars
        for (int holdBack : new int[] {1, 2, 3, 17, 64}) {
            StreamWindow window = new StreamWindow(KEYS, holdBack);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < answer.length(); i++) {
                String released = release(window.feed(answer.substring(i, i + 1)));
                if (!released.isEmpty()) {
                    assertFalse(Character.isHighSurrogate(released.charAt(released.length() - 1)), "hold-back " + holdBack);
                    assertFalse(Character.isLowSurrogate(released.charAt(0)), "hold-back " + holdBack);
                }
                out.append(released);
            }
            out.append(release(window.finish()));
            assertEquals(answer, out.toString());
        }
    }

    @Test
    void aScanCoversAtMostTwiceTheHoldBackPlusTheDelta() {
        List<Integer> scanned = new ArrayList<>();
        StreamWindow window = new StreamWindow(text -> {
            scanned.add(text.length());
            return List.of();
        }, 100);
        for (int i = 0; i < 2_000; i++) {
            window.feed("abcdefghij");
        }
        window.finish();
        assertTrue(scanned.stream().allMatch(n -> n <= 2 * 100 + 10 + 1), "largest scan " + scanned.stream().max(Integer::compare));
    }

    @Test
    void refusesAHoldBackBelowOneAndNeverPrintsTheText() {
        assertThrows(IllegalArgumentException.class, () -> new StreamWindow(KEYS, 0));
        assertEquals("Release[6 chars]", new Step.Release("secret").toString());
    }

    private static String release(Step step) {
        return assertInstanceOf(Step.Release.class, step).text();
    }

    private static Detector regex(Pattern pattern, String kind, Category category) {
        return text -> {
            List<Finding> out = new ArrayList<>();
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                out.add(new Finding(kind, category, m.start(), m.end()));
            }
            return out;
        };
    }
}
