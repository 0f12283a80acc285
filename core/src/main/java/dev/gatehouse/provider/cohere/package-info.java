/**
 * The Cohere provider: OpenAI Chat Completions translated to and from Cohere's v2 Chat API
 * ({@code POST /v2/chat}), rerank and embeddings. Only {@link dev.gatehouse.provider.cohere.CohereDescriptor} and
 * {@link dev.gatehouse.provider.cohere.CohereProvider} are public;
 * the mappings are package-private pure functions. What is mapped, dropped or refused is listed
 * in {@code docs/providers/cohere.md}.
 */
package dev.gatehouse.provider.cohere;
