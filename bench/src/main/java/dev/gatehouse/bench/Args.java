package dev.gatehouse.bench;

import java.util.ArrayList;
import java.util.List;

/** {@code --name value} command-line options; a name may repeat. */
final class Args {
    private final String[] args;

    Args(String[] args) {
        this.args = args.clone();
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                values.add(args[++i]);
            }
        }
        return values;
    }

    String str(String name, String fallback) {
        List<String> values = all(name);
        return values.isEmpty() ? fallback : values.getLast();
    }

    long num(String name, long fallback) {
        return Long.parseLong(str(name, Long.toString(fallback)));
    }

    boolean flag(String name) {
        return List.of(args).contains(name);
    }
}
