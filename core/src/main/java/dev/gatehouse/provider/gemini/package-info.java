/**
 * The Google Gemini API provider (Generative Language API, v1beta): {@link
 * dev.gatehouse.provider.gemini.GeminiProvider} and the pure translations it uses, request
 * ({@code GeminiRequestMapper}), response ({@code GeminiResponseMapper}), stream
 * ({@code GeminiStreamDecoder}) and errors ({@code GeminiErrors}), on the Gemini API and on Vertex
 * AI. Only the provider and its {@link dev.gatehouse.provider.gemini.GeminiDescriptor} are public.
 * What is mapped, dropped and refused is described in {@code docs/providers/gemini.md}.
 */
package dev.gatehouse.provider.gemini;
