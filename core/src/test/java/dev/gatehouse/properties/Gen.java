package dev.gatehouse.properties;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A generator of random values for property tests: given a seeded random source, one value.
 * Everything draws from the one source it is given, so a seed replays a whole run (see
 * {@link Tries}). Sizes and numbers land on their bounds more often than chance would put
 * them there, since bounds are where mistakes hide.
 */
@FunctionalInterface
public interface Gen<T> {

    /** How often (one in this many) a size or a number is one of its bounds. */
    int BOUND_ODDS = 8;

    T next(RandomGenerator random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    /** Only values that {@code keep} accepts; fails loudly rather than looping for ever. */
    default Gen<T> filter(Predicate<? super T> keep) {
        return random -> {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                T value = next(random);
                if (keep.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("the filter rejected 10000 values in a row");
        };
    }

    /** {@code null} with the given probability, otherwise a value. */
    default Gen<T> orNull(double probability) {
        return random -> random.nextDouble() < probability ? null : next(random);
    }

    /** Lists of {@code min} to {@code max} values (both included). */
    default Gen<List<T>> list(int min, int max) {
        return random -> {
            int size = between(min, max).next(random);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /**
     * Sets of at most {@code max} distinct values, in the order drawn; smaller when the values
     * repeat, as few generators have that many distinct values to give.
     */
    default Gen<Set<T>> set(int max) {
        return random -> {
            int size = between(0, max).next(random);
            Set<T> values = new LinkedHashSet<>();
            for (int attempt = 0; attempt < size * 10 && values.size() < size; attempt++) {
                values.add(next(random));
            }
            return values;
        };
    }

    /** Always {@code value}. */
    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of {@code values}, each as likely. */
    static <T> Gen<T> of(List<? extends T> values) {
        List<? extends T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** The value of one of {@code gens}, each as likely. */
    static <T> Gen<T> oneOf(List<Gen<? extends T>> gens) {
        List<Gen<? extends T>> copy = List.copyOf(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    static Gen<Boolean> booleans() {
        return RandomGenerator::nextBoolean;
    }

    /** Integers from {@code min} to {@code max} (both included), each bound one in {@link #BOUND_ODDS}. */
    static Gen<Integer> between(int min, int max) {
        return random -> {
            int roll = random.nextInt(BOUND_ODDS);
            if (roll == 0 || min == max) {
                return min;
            }
            if (roll == 1) {
                return max;
            }
            return random.nextInt(min, max + 1);
        };
    }

    /** Doubles from {@code min} to {@code max} rounded to {@code scale} decimals, bounds included. */
    static Gen<Double> decimals(double min, double max, int scale) {
        double factor = Math.pow(10, scale);
        return random -> {
            int roll = random.nextInt(BOUND_ODDS);
            double value = roll == 0 ? min : roll == 1 ? max : random.nextDouble(min, max);
            return Math.round(value * factor) / factor;
        };
    }

    /** Strings of {@code min} to {@code max} characters, each drawn from {@code chars}. */
    static Gen<String> strings(int min, int max, Gen<Character> chars) {
        return random -> {
            int length = between(min, max).next(random);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(chars.next(random).charValue());
            }
            return text.toString();
        };
    }

    /** Characters from {@code first} to {@code last} (both included), each bound one in {@link #BOUND_ODDS}. */
    static Gen<Character> chars(char first, char last) {
        return between(first, last).map(c -> (char) c.intValue());
    }
}
