package dev.gatehouse.server.metrics;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Which model names may be a {@code model} label: those the configuration serves now. A name a
 * caller asked for that is not served never becomes a label value, so no caller can make series.
 * The gateway hands out one list per configuration, so the set is rebuilt only after a reload.
 */
final class ServedModels {

    private record Served(List<String> names, Set<String> set) {}

    private volatile Supplier<List<String>> source = List::of;
    private volatile Served served = new Served(List.of(), Set.of());

    /** Reads the served names from {@code names} from now on (the running gateway's). */
    void readFrom(Supplier<List<String>> names) {
        this.source = names;
    }

    boolean serves(String model) {
        List<String> now = source.get();
        Served current = served;
        if (current.names() != now) {
            current = new Served(now, Set.copyOf(now));
            served = current;
        }
        return current.set().contains(model);
    }
}
