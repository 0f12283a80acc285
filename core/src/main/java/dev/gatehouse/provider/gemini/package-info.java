/**
 * The Google Gemini API provider (Generative Language API, v1beta): {@link
 * dev.gatehouse.provider.gemini.GeminiProvider} and the pure translations it uses, request
 * ({@code GeminiRequestMapper}), response ({@code GeminiResponseMapper}), stream
 * ({@code GeminiStreamDecoder}) and errors ({@code GeminiErrors}). Only the provider is public.
 * What is mapped, dropped and refused is described in {@code docs/providers/gemini.md}.
 */
package dev.gatehouse.provider.gemini;
