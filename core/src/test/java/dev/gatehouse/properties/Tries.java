package dev.gatehouse.properties;

import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property: checks it for a number of generated values, each from its own seed, and on
 * a failure names that seed. Every run draws fresh seeds, so the runs together cover more than
 * any one does; {@code -Dgatehouse.seed=N} replays the single try of seed N instead.
 */
public final class Tries {

    /** The system property that replays one try. */
    public static final String SEED_PROPERTY = "gatehouse.seed";

    /** Longest rendering of a failing value kept in the message. */
    private static final int SHOWN = 2_000;

    private Tries() {}

    /** Checks {@code property} for {@code tries} values of {@code gen}; rethrows the first failure with its seed. */
    public static <T> void forAll(int tries, Gen<T> gen, Consumer<? super T> property) {
        String replay = System.getProperty(SEED_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            check(Long.parseLong(replay.trim()), 1, 1, gen, property);
            return;
        }
        SplittableRandom seeds = new SplittableRandom();
        for (int i = 1; i <= tries; i++) {
            check(seeds.nextLong(), i, tries, gen, property);
        }
    }

    private static <T> void check(long seed, int attempt, int tries, Gen<T> gen, Consumer<? super T> property) {
        T value = gen.next(new SplittableRandom(seed));
        try {
            property.accept(value);
        } catch (AssertionError | RuntimeException failure) {
            String shown = String.valueOf(value);
            if (shown.length() > SHOWN) {
                shown = shown.substring(0, SHOWN) + "…";
            }
            throw new AssertionError("try " + attempt + " of " + tries + " failed (seed " + seed
                    + "; replay it with -D" + SEED_PROPERTY + "=" + seed + "): " + failure.getMessage()
                    + "\n  value: " + shown, failure);
        }
    }
}
