/**
 * OpenAI's Responses API as a front door: a {@code POST /v1/responses} body read into the
 * canonical {@link dev.gatehouse.api.ChatRequest}, and the canonical answer or stream written back
 * as a Response object and its stream events, whatever provider served it.
 *
 * <p>Pure translation: no storage and no HTTP (the server keeps stored responses; the native
 * OpenAI path passes bodies through untouched). Field names and shapes follow
 * https://platform.openai.com/docs/api-reference/responses; what is mapped, dropped and refused is
 * listed in {@code docs/agents.md}.
 */
package dev.gatehouse.api.responses;
