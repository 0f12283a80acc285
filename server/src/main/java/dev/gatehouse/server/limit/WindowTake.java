package dev.gatehouse.server.limit;

/**
 * A take from a counter in fixed one-minute windows (requests per minute, tokens per minute),
 * all or nothing with the others of its request. Generic on purpose: a per-deployment rpm or
 * tpm is the same take under another name.
 *
 * @param name   the counter's name, unique per scope and kind
 * @param limit  what the window's count may reach
 * @param amount what this request adds
 */
record WindowTake(String name, long limit, long amount) {}
