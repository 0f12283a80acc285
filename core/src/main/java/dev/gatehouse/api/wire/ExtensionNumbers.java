package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The numbers of OpenAI's Chat Completions that Gatehouse passes on as extensions rather than
 * reading into the canonical request: each must be of its type and range when present, checked
 * at the front door like the typed fields, so that a {@code "frequency_penalty": "2"} is a 400
 * naming the field before anything is recorded or sent, not whatever each upstream makes of it.
 * Which fields an upstream takes at all is its dialect's business (the provider's field lists).
 */
final class ExtensionNumbers {

    private ExtensionNumbers() {}

    static void check(JsonNode body) {
        Fields.optionalNumber(body, "frequency_penalty", "frequency_penalty", -2, 2);
        Fields.optionalNumber(body, "presence_penalty", "presence_penalty", -2, 2);
        Fields.optionalBoolean(body, "logprobs", "logprobs");
        Fields.optionalInt(body, "top_logprobs", "top_logprobs", 0, 20);
        JsonNode bias = body.get("logit_bias");
        if (Fields.present(bias)) {
            if (!bias.isObject()) {
                throw Fields.invalid("logit_bias", "an object of token ids to numbers", bias);
            }
            for (Map.Entry<String, JsonNode> entry : bias.properties()) {
                Fields.optionalNumber(bias, entry.getKey(), "logit_bias." + entry.getKey(), -100, 100);
            }
        }
    }
}
