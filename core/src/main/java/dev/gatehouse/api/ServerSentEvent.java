package dev.gatehouse.api;

/**
 * One server-sent event as it travels through Gatehouse: its {@code event:} name (null when none
 * was given) and its data. Anthropic's Messages stream is relayed as these events when a request
 * goes to Anthropic as it was written.
 */
public record ServerSentEvent(String name, String data) {}
