package dev.gatehouse.api.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.wire.Fields;

/**
 * The fields of a Messages request that is sent upstream as written (to Anthropic or Vertex AI)
 * and that Gatehouse itself acts on before it goes: its limits reserve the output
 * {@code max_tokens} allows, so that and the other numbers are checked for their type and range
 * here, as {@link MessagesRequestJson} checks them on the translated path. A {@code "100000"}
 * written as a string would otherwise pass as "no limit" to Gatehouse's budget while the
 * upstream reads it its own way. Everything else is the upstream's to check.
 */
public final class NativeMessagesFields {

    private NativeMessagesFields() {}

    /**
     * Throws a 400 naming the first field of a wrong type or out of range: {@code max_tokens}
     * (required, an integer of at least 1), {@code temperature}, {@code top_p}, {@code top_k},
     * {@code stream} and {@code thinking.budget_tokens}.
     *
     * @return the request's {@code max_tokens}
     */
    public static int check(JsonNode body) {
        if (!Fields.present(body.get("max_tokens"))) {
            throw Read.missing("max_tokens");
        }
        int maxTokens = Fields.optionalInt(body, "max_tokens", "max_tokens", 1, Integer.MAX_VALUE);
        Fields.optionalNumber(body, "temperature", "temperature", 0, 1);
        Fields.optionalNumber(body, "top_p", "top_p", 0, 1);
        Fields.optionalInt(body, "top_k", "top_k", 0, Integer.MAX_VALUE);
        Fields.optionalBoolean(body, "stream", "stream");
        JsonNode thinking = body.get("thinking");
        if (Fields.present(thinking) && thinking.isObject()) {
            Fields.optionalInt(thinking, "budget_tokens", "thinking.budget_tokens", 1, Integer.MAX_VALUE);
        }
        return maxTokens;
    }
}
