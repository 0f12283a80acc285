/**
 * OpenAI, Azure OpenAI and every OpenAI-compatible upstream, the compatible family as data
 * ({@link dev.gatehouse.provider.openai.CompatibleProfiles}): chat, embeddings and images in
 * OpenAI's own format, with each member's departures from it. Also OpenAI's legacy Completions API
 * ({@link dev.gatehouse.provider.openai.TextCompletionProvider}), which serves chat from one prompt.
 */
package dev.gatehouse.provider.openai;
