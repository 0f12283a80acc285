package dev.gatehouse.api.responses;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ReasoningSignature;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A reasoning item's {@code encrypted_content} as Gatehouse writes it on the translated path: the
 * provider's reasoning signature ({@link ReasoningSignature}) together with the reasoning text it
 * signs, so that the item alone gives the canonical assistant message back its reasoning on the
 * next turn. This is the field Codex and the Agents SDK keep and send back, with {@code store:
 * false}, when they ask for {@code include: ["reasoning.encrypted_content"]}
 * (https://platform.openai.com/docs/api-reference/responses/create, "include").
 *
 * <p>The form is {@code gatehouse-reasoning-v1.<base64url text>.<signature>}. The prefix tells
 * Gatehouse's own value from OpenAI's (an opaque token only OpenAI reads), which a translated
 * model can not use and so is dropped. The text travels inside because clients do not keep the
 * visible text faithfully: Codex sends a reasoning item back without its {@code reasoning_text}
 * content, and a summary may be shortened or reworded by a client, while the provider checks its
 * signature against the exact text.
 *
 * <p>The value is not sealed or signed by Gatehouse, on purpose: the provider checks its own
 * signatures (Anthropic and Bedrock refuse a thinking block whose signature does not match its
 * text, and only they can read redacted thinking), so a forged or edited value only makes the
 * caller's own request fail, as it would on the chat route, whose {@code reasoning_signature} is
 * in the clear too. Nothing in it is secret from the caller: the text is the reasoning it was
 * shown. A seal under a Gatehouse key would also bind a conversation to one gateway's keys and
 * fail after a key rotation. (docs/agents.md, "The Responses API".)
 */
public final class EncryptedReasoning {

    /** The reasoning text and signature an {@code encrypted_content} of Gatehouse's carries. */
    record Unwrapped(String text, String signature) {}

    private static final String PREFIX = "gatehouse-reasoning-v1.";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private EncryptedReasoning() {}

    /** The {@code encrypted_content} for reasoning {@code text} (may be empty) and its non-empty {@code signature}. */
    static String wrap(String text, String signature) {
        String reasoning = text == null ? "" : text;
        return PREFIX + ENCODER.encodeToString(reasoning.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    /** Whether {@code value} is Gatehouse's own (else it is another's, such as OpenAI's, and no translated model reads it). */
    public static boolean isOwn(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /**
     * The text and signature of one of Gatehouse's values.
     *
     * @throws GatewayException.BadRequest naming {@code path} when the value is malformed or its text
     *     does not match its signature (it was edited)
     */
    static Unwrapped unwrap(String value, String path) {
        String body = value.substring(PREFIX.length());
        int dot = body.indexOf('.');
        if (dot < 0) {
            throw invalid(path, "it is malformed");
        }
        String text;
        try {
            text = new String(DECODER.decode(body.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(path, "it is malformed");
        }
        String signature = body.substring(dot + 1);
        if (signature.isEmpty()) {
            throw invalid(path, "it carries no signature");
        }
        try {
            ReasoningSignature.decode(text, signature);
        } catch (IllegalArgumentException e) {
            throw invalid(path, e.getMessage());
        }
        return new Unwrapped(text, signature);
    }

    private static GatewayException.BadRequest invalid(String path, String why) {
        return new GatewayException.BadRequest("Invalid '" + path + "': " + why + "; send the reasoning item back "
                + "as Gatehouse returned it.", path, "invalid_value", null);
    }
}
