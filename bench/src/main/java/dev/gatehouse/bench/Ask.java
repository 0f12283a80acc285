package dev.gatehouse.bench;

/** One request to send: when it is due ({@link System#nanoTime()}), and its kind's index in the run's kinds. */
record Ask(long due, int kind) {
}
