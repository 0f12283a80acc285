/**
 * Anthropic's Messages API as a front door: a {@code POST /v1/messages} request read into the
 * canonical {@link dev.gatehouse.api.ChatRequest}, and the canonical response, stream and
 * errors written back in Anthropic's format, whatever provider served them.
 *
 * <p>This package is the caller-facing codec and is independent of
 * {@code dev.gatehouse.provider.anthropic}, which speaks the same format to Anthropic as an
 * upstream: the two translate in opposite directions and change for different reasons.
 * Field names and shapes follow https://platform.claude.com/docs/en/api/messages/create and
 * https://platform.claude.com/docs/en/build-with-claude/streaming; what maps and what does not
 * is listed in {@code docs/anthropic-api.md}.
 */
package dev.gatehouse.api.anthropic;
