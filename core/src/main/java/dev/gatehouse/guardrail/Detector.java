package dev.gatehouse.guardrail;

import java.util.List;

/**
 * Finds things in text. Implementations are thread-safe and keep no state from one call to the
 * next, so one instance serves every request.
 */
@FunctionalInterface
public interface Detector {

    /** The findings in {@code text}, ordered by start; an empty list when there is nothing. */
    List<Finding> scan(CharSequence text);
}
