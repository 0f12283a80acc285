package dev.gatehouse.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Tool-call ids for Gemini's function calls, which OpenAI clients need and Gemini mostly does not
 * give.
 *
 * <ul>
 *   <li>A {@code functionCall.id} sent by Gemini is used as it is.
 *   <li>Otherwise the id is {@code call_} and 24 hex digits of a SHA-256 over the response id,
 *       the candidate index, the call's position in the candidate, its name and its arguments:
 *       the same response always maps to the same ids, in a whole response and in a stream alike.
 *   <li>A {@code thoughtSignature} on the call (Gemini 3 requires it back with the call in the
 *       next request, and OpenAI's format has no field for it) is appended as
 *       {@code __ts_<base64url of the signature>}; {@link #thoughtSignature} recovers it when the
 *       client sends the call back.
 * </ul>
 */
final class GeminiToolCallIds {

    private static final String SIGNATURE_MARK = "__ts_";

    private GeminiToolCallIds() {}

    /** The id of the function call {@code functionCall} at {@code position} in candidate {@code candidate}. */
    static String of(String responseId, int candidate, int position, JsonNode functionCall, String thoughtSignature) {
        String given = Json.textOrNull(functionCall, "id");
        String id = given != null && !given.isBlank() ? given : derived(responseId, candidate, position, functionCall);
        if (thoughtSignature == null || thoughtSignature.isEmpty()) {
            return id;
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(thoughtSignature);
        } catch (IllegalArgumentException notBase64) {
            return id; // An unreadable signature can not be carried; the call still works without it.
        }
        return id + SIGNATURE_MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** The thought signature carried in a tool-call id (standard base64, as Gemini takes it), if any. */
    static Optional<String> thoughtSignature(String toolCallId) {
        int mark = toolCallId.indexOf(SIGNATURE_MARK);
        if (mark < 0) {
            return Optional.empty();
        }
        try {
            byte[] signature = Base64.getUrlDecoder().decode(toolCallId.substring(mark + SIGNATURE_MARK.length()));
            return signature.length == 0 ? Optional.empty() : Optional.of(Base64.getEncoder().encodeToString(signature));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    /** The call's {@code args} as JSON text, {@code {}} when Gemini gave none. */
    static String argumentsJson(JsonNode functionCall) {
        JsonNode args = functionCall.get("args");
        return args == null || args.isNull() ? "{}" : Json.text(args);
    }

    private static String derived(String responseId, int candidate, int position, JsonNode functionCall) {
        String seed = (responseId == null ? "" : responseId) + '\n' + candidate + '\n' + position + '\n'
                + Json.textOrNull(functionCall, "name") + '\n' + argumentsJson(functionCall);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "call_" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
