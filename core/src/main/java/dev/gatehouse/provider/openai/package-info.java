/**
 * OpenAI, Azure OpenAI and every OpenAI-compatible upstream, the compatible family as data
 * ({@link dev.gatehouse.provider.openai.CompatibleProfiles}): chat, embeddings and images in
 * OpenAI's own format, with each member's departures from it.
 */
package dev.gatehouse.provider.openai;
