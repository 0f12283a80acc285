package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import java.util.Locale;
import java.util.Set;

/**
 * Gemini's {@code finishReason} in OpenAI's terms, shared by whole responses and streams.
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><th>Gemini</th><th>OpenAI</th></tr>
 *   <tr><td>STOP</td><td>stop, or tool_calls when the candidate called functions</td></tr>
 *   <tr><td>MAX_TOKENS</td><td>length</td></tr>
 *   <tr><td>SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII, IMAGE_SAFETY,
 *       IMAGE_PROHIBITED_CONTENT, IMAGE_RECITATION</td><td>content_filter</td></tr>
 *   <tr><td>MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL</td><td>no finish reason: an
 *       {@link GatewayException.UpstreamServerError} (502, retryable), because the model
 *       produced a call the client can not run, and a clean stop would hide that</td></tr>
 *   <tr><td>anything else (LANGUAGE, OTHER, …)</td><td>Gemini's value in lower case, kept rather
 *       than mislabelled</td></tr>
 * </table>
 */
final class GeminiFinishReasons {

    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private static final Set<String> BROKEN_CALL = Set.of("MALFORMED_FUNCTION_CALL", "UNEXPECTED_TOOL_CALL");

    private GeminiFinishReasons() {}

    /**
     * The OpenAI finish reason for a candidate; null when {@code geminiReason} is null (a stream
     * chunk before the end). {@code upstreamBody} goes into the error for a broken call.
     */
    static FinishReason toOpenAi(String geminiReason, boolean calledFunctions, String upstreamBody) {
        if (geminiReason == null) {
            return null;
        }
        if (BROKEN_CALL.contains(geminiReason)) {
            throw new GatewayException.UpstreamServerError(
                    "Gemini generated a function call it could not complete (finishReason " + geminiReason + ")",
                    0, upstreamBody);
        }
        if (FILTERED.contains(geminiReason)) {
            return FinishReason.CONTENT_FILTER;
        }
        return switch (geminiReason) {
            case "STOP" -> calledFunctions ? FinishReason.TOOL_CALLS : FinishReason.STOP;
            case "MAX_TOKENS" -> FinishReason.LENGTH;
            default -> FinishReason.of(geminiReason.toLowerCase(Locale.ROOT));
        };
    }
}
