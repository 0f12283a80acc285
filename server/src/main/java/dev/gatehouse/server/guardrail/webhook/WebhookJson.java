package dev.gatehouse.server.guardrail.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The webhook's JSON, both ways. The call is
 * {@code {"stage", "model", "key_id", "team_id", "request_id", "texts": [{"path", "text"}]}};
 * the answer {@code {"action": "allow"|"block"|"modify", "reason", "texts": [{"path", "text"}]}}.
 * An answer that is not exactly that (another action, a modify naming a path that was not sent,
 * a text that is not a string) is a failed call, never read as an allow: a service that
 * changed its format must not let everything through unnoticed.
 */
final class WebhookJson {

    /** A block's reason is shown to the caller; a longer one is cut, it is an explanation, not a document. */
    static final int MAX_REASON_LENGTH = 500;

    private WebhookJson() {}

    static byte[] write(WebhookCall call) {
        ObjectNode body = Json.object();
        body.put("stage", call.stage().wireName());
        body.put("model", call.model());
        body.put("key_id", call.keyId());
        if (call.teamId() == null) {
            body.putNull("team_id");
        } else {
            body.put("team_id", call.teamId());
        }
        body.put("request_id", call.requestId());
        ArrayNode texts = body.putArray("texts");
        for (WebhookText text : call.texts()) {
            texts.addObject().put("path", text.path()).put("text", text.text());
        }
        try {
            return Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    /** The outcome an answer body stands for, given the call it answers. */
    static Outcome read(byte[] answer, WebhookCall call) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(answer);
        } catch (IOException e) {
            return new Outcome.Failed("the guardrail service's answer is not JSON");
        }
        if (root == null || !root.isObject()) {
            return new Outcome.Failed("the guardrail service's answer is not a JSON object");
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual()) {
            return new Outcome.Failed("the guardrail service's answer has no action");
        }
        return switch (action.asText()) {
            case "allow" -> new Outcome.Allow();
            case "block" -> block(root.get("reason"));
            case "modify" -> modify(root.get("texts"), call);
            default -> new Outcome.Failed("the guardrail service answered an unknown action");
        };
    }

    private static Outcome block(JsonNode reason) {
        if (reason == null || reason.isNull()) {
            return new Outcome.Block("blocked by the guardrail service");
        }
        if (!reason.isTextual()) {
            return new Outcome.Failed("the guardrail service's reason is not a string");
        }
        String text = reason.asText().strip();
        if (text.isEmpty()) {
            return new Outcome.Block("blocked by the guardrail service");
        }
        return new Outcome.Block(text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) : text);
    }

    private static Outcome modify(JsonNode texts, WebhookCall call) {
        if (texts == null || !texts.isArray()) {
            return new Outcome.Failed("the guardrail service's modify has no texts");
        }
        Set<String> sent = new HashSet<>();
        call.texts().forEach(t -> sent.add(t.path()));
        Set<String> seen = new HashSet<>();
        List<WebhookText> out = new ArrayList<>();
        for (JsonNode item : texts) {
            JsonNode path = item.get("path");
            JsonNode text = item.get("text");
            if (path == null || !path.isTextual() || text == null || !text.isTextual()) {
                return new Outcome.Failed("the guardrail service's modify has a text without a string path and text");
            }
            if (!sent.contains(path.asText())) {
                return new Outcome.Failed("the guardrail service's modify names a path that was not sent");
            }
            if (!seen.add(path.asText())) {
                return new Outcome.Failed("the guardrail service's modify names a path twice");
            }
            out.add(new WebhookText(path.asText(), text.asText()));
        }
        return new Outcome.Modify(out);
    }
}
