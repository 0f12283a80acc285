package dev.gatehouse.api.responses;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * New identifiers in the shapes OpenAI's Responses API uses ({@code resp_…}, {@code msg_…},
 * {@code fc_…}, {@code rs_…}). A response id is 48 random hex digits: it is the key a caller
 * presents to read a stored response, so it must not be guessable.
 *
 * <p>Output item ids are derived from their response's id and their place in the output, so the
 * streamed and the whole form of one answer name their items alike.
 */
public final class ResponseIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ResponseIds() {}

    /** A new response id. */
    public static String response() {
        return "resp_" + random(24);
    }

    /** A new message item id. */
    public static String message() {
        return "msg_" + random(24);
    }

    /** A new function call item id. */
    public static String functionCall() {
        return "fc_" + random(24);
    }

    /** A new reasoning item id. */
    public static String reasoning() {
        return "rs_" + random(24);
    }

    /** The id of output item {@code outputIndex} of response {@code responseId}, with {@code prefix} (msg, fc, rs). */
    static String item(String prefix, String responseId, int outputIndex) {
        String body = responseId.startsWith("resp_") ? responseId.substring("resp_".length()) : responseId;
        return prefix + "_" + body + String.format("%04x", outputIndex);
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
