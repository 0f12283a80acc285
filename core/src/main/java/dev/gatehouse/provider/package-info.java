/**
 * What every provider shares: the provider interfaces (one per operation: {@link
 * dev.gatehouse.provider.ChatProvider}, embeddings, images, rerank, token counting, native
 * Messages), {@link dev.gatehouse.provider.Deployment} and the {@link dev.gatehouse.provider.Upstream}
 * an attempt calls through, the registry of provider descriptors ({@link
 * dev.gatehouse.provider.Providers}), and the helpers several adapters use (the SSE chat stream,
 * embedding batches, image inlining, unsupported parameters, the reasoning effort and Claude's
 * thinking, which the Anthropic and Bedrock adapters share). How to add a provider:
 * docs/development.md.
 */
package dev.gatehouse.provider;
