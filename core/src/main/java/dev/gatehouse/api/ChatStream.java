package dev.gatehouse.api;

/** A streamed chat answer: OpenAI's chunks, in order, as they arrive. */
public interface ChatStream extends EventStream<ChatChunk> {}
