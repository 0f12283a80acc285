package dev.gatehouse.server.attribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a request's {@link Attribution} as LiteLLM's proxy does (docs/spend.md, "End users and
 * tags"), refusing an invalid value with a 400 before anything is recorded.
 *
 * <p>The end user is the first of, in this order: the headers {@code x-gatehouse-end-user},
 * {@code x-litellm-customer-id}, {@code x-litellm-end-user-id}; the body's {@code user} (OpenAI's
 * routes, the Responses API); {@code litellm_metadata.user}; {@code metadata.user_id} (Anthropic's Messages API);
 * {@code safety_identifier} (OpenAI's newer name for it). LiteLLM reads the same fields in the same
 * order, headers first (https://docs.litellm.ai/docs/proxy/customers).
 *
 * <p>The tags are the key's {@code metadata.tags}, then the headers {@code x-gatehouse-tags} and
 * {@code x-litellm-tags} (comma-separated, trimmed), then the body's {@code metadata.tags} (a list
 * of strings), without repeats (https://docs.litellm.ai/docs/proxy/request_tags). The body's
 * {@code metadata.tags} is removed from the body here: it is Gatehouse's, and OpenAI's
 * {@code metadata} takes strings only, Anthropic's only {@code user_id}.
 */
public final class AttributionReader {

    /** An end user id is at most this long (the width of {@code spend_log.end_user}). */
    public static final int MAX_END_USER = 256;
    /** A request has at most this many tags, its key's included. */
    public static final int MAX_TAGS = 20;
    /** A tag is at most this long (the width of {@code spend_tags.tag}). */
    public static final int MAX_TAG = 64;

    private static final List<String> END_USER_HEADERS = List.of("x-gatehouse-end-user", "x-litellm-customer-id",
            "x-litellm-end-user-id");
    private static final List<String> TAG_HEADERS = List.of("x-gatehouse-tags", "x-litellm-tags");

    private AttributionReader() {}

    /**
     * The attribution of a request.
     *
     * @param body        the request's JSON body, or null for a form; its {@code metadata.tags} is removed
     * @param header      a request header's first value by name
     * @param keyMetadata the key's metadata, whose {@code tags} apply to every request of the key
     */
    public static Attribution read(JsonNode body, Function<String, Optional<String>> header, JsonNode keyMetadata) {
        String endUser = endUser(body, header);
        Set<String> tags = new LinkedHashSet<>();
        keyTags(keyMetadata, tags);
        for (String name : TAG_HEADERS) {
            Optional<String> value = header.apply(name);
            if (value.isPresent()) {
                for (String part : value.get().split(",", -1)) {
                    addTag(part.strip(), name, tags);
                }
            }
        }
        bodyTags(body, tags);
        if (tags.size() > MAX_TAGS) {
            throw new GatewayException.BadRequest("A request has at most " + MAX_TAGS + " tags, its key's included;"
                    + " this one has " + tags.size() + ".", "metadata.tags");
        }
        return new Attribution(endUser, new ArrayList<>(tags));
    }

    private static String endUser(JsonNode body, Function<String, Optional<String>> header) {
        List<String> found = new ArrayList<>(2);
        for (String name : END_USER_HEADERS) {
            header.apply(name).map(String::strip).filter(v -> !v.isEmpty())
                    .ifPresent(value -> found.add(checkedEndUser(value, name)));
        }
        if (body instanceof ObjectNode object) {
            bodyEndUser(object.get("user"), "user", found);
            if (object.get("litellm_metadata") instanceof ObjectNode litellm) {
                bodyEndUser(litellm.get("user"), "litellm_metadata.user", found);
            }
            if (object.get("metadata") instanceof ObjectNode metadata) {
                bodyEndUser(metadata.get("user_id"), "metadata.user_id", found);
            }
            bodyEndUser(object.get("safety_identifier"), "safety_identifier", found);
        }
        return found.isEmpty() ? null : found.getFirst();
    }

    /** Every field present is checked, not only the one that wins: an invalid value is refused wherever it is. */
    private static void bodyEndUser(JsonNode value, String path, List<String> found) {
        if (value == null || value.isNull()) {
            return;
        }
        if (!value.isTextual()) {
            throw new GatewayException.BadRequest("Invalid '" + path + "': expected a string.", path);
        }
        if (!value.asText().isEmpty()) {
            found.add(checkedEndUser(value.asText(), path));
        }
    }

    private static String checkedEndUser(String value, String where) {
        if (value.length() > MAX_END_USER) {
            throw new GatewayException.BadRequest("Invalid '" + where + "': an end user id is at most " + MAX_END_USER
                    + " characters.", where);
        }
        if (!printable(value)) {
            throw new GatewayException.BadRequest("Invalid '" + where + "': an end user id may not hold control"
                    + " characters.", where);
        }
        return value;
    }

    /** The key's own tags were checked when it was written, by someone else; only usable ones count. */
    private static void keyTags(JsonNode keyMetadata, Set<String> tags) {
        JsonNode list = keyMetadata == null ? null : keyMetadata.get("tags");
        if (list == null || !list.isArray()) {
            return;
        }
        for (JsonNode tag : list) {
            String text = tag.isTextual() ? tag.asText().strip() : "";
            if (!text.isEmpty() && text.length() <= MAX_TAG && printable(text)) {
                tags.add(text);
            }
        }
    }

    private static void bodyTags(JsonNode body, Set<String> tags) {
        if (!(body instanceof ObjectNode object) || !(object.get("metadata") instanceof ObjectNode metadata)
                || !metadata.has("tags")) {
            return;
        }
        JsonNode list = metadata.remove("tags");
        if (metadata.isEmpty()) {
            object.remove("metadata");
        }
        if (list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw new GatewayException.BadRequest("Invalid 'metadata.tags': expected a list of strings.",
                    "metadata.tags");
        }
        for (JsonNode tag : list) {
            if (!tag.isTextual()) {
                throw new GatewayException.BadRequest("Invalid 'metadata.tags': expected a list of strings.",
                        "metadata.tags");
            }
            addTag(tag.asText().strip(), "metadata.tags", tags);
        }
    }

    private static void addTag(String tag, String where, Set<String> tags) {
        if (tag.isEmpty()) {
            if (where.equals("metadata.tags")) {
                throw new GatewayException.BadRequest("Invalid 'metadata.tags': a tag may not be empty.", where);
            }
            return; // "a, ,b" in a header: an empty part is no tag
        }
        if (tag.length() > MAX_TAG) {
            throw new GatewayException.BadRequest("Invalid '" + where + "': a tag is at most " + MAX_TAG
                    + " characters.", where.equals("metadata.tags") ? where : null);
        }
        if (!printable(tag)) {
            throw new GatewayException.BadRequest("Invalid '" + where + "': a tag may not hold control characters.",
                    where.equals("metadata.tags") ? where : null);
        }
        tags.add(tag);
    }

    private static boolean printable(String value) {
        return value.chars().noneMatch(Character::isISOControl);
    }
}
