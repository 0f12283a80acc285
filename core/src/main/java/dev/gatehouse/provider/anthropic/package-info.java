/**
 * The Anthropic provider: OpenAI Chat Completions translated to and from Anthropic's Messages
 * API, at Anthropic and on Vertex AI. Only {@link dev.gatehouse.provider.anthropic.AnthropicDescriptor} (what the
 * registry knows of it) and {@link dev.gatehouse.provider.anthropic.AnthropicProvider} are public; the request,
 * response, stream and error mappings are package-private pure functions, tested from the
 * payloads in Anthropic's documentation. What is mapped, dropped or refused is listed in
 * {@code docs/providers/anthropic.md}.
 */
package dev.gatehouse.provider.anthropic;
