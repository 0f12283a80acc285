/**
 * The canonical model every provider is translated to and from: OpenAI's chat, embeddings,
 * images and rerank as immutable records, the event streams a streamed answer arrives as, and
 * {@link dev.gatehouse.api.GatewayException}, every failure sealed by kind.
 */
package dev.gatehouse.api;
