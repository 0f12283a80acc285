package dev.gatehouse.api.anthropic;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields one translation leaves out, collected as it reads. Top-level fields are listed
 * before those inside blocks, so the ones that say the most come first in the response header,
 * which is cut at a length.
 */
final class DroppedFields {

    private final List<String> topLevel = new ArrayList<>();
    private final List<String> nested = new ArrayList<>();

    void add(String path) {
        (path.contains(".") || path.contains("[") ? nested : topLevel).add(path);
    }

    List<String> list() {
        List<String> all = new ArrayList<>(topLevel);
        all.addAll(nested);
        return all;
    }
}
