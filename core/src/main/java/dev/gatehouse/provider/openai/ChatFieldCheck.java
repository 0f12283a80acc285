package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.FieldShape;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A chat request's further fields (its extensions) against its deployment's {@link ChatDialect}:
 * a field the dialect does not document, at the top or inside, is refused with a 400 naming its
 * path, or left out when the deployment drops parameters; a field that changes the price is
 * refused unless the deployment allows it, whatever {@code drop_params} says (leaving it out
 * would quietly change the service the caller asked for).
 */
final class ChatFieldCheck {

    private ChatFieldCheck() {}

    static CheckedChat check(ChatRequest request, Deployment deployment, CompatibleProfile profile) {
        if (request.extensions().isEmpty()) {
            return CheckedChat.unchanged(request);
        }
        ChatDialect dialect = ChatDialects.of(profile);
        Map<String, JsonNode> kept = new LinkedHashMap<>();
        List<String> dropped = new ArrayList<>(0);
        for (Map.Entry<String, JsonNode> field : request.extensions().entrySet()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            FieldShape shape = dialect.fields().get(name);
            if (shape == null) {
                refuseUnlessDropped(name, deployment, profile, dialect);
                dropped.add(name);
                continue;
            }
            refuseUnallowedPrice(name, value, deployment, profile, dialect);
            List<FieldShape.Unknown> unknown = new ArrayList<>(0);
            shape.findUnknown(value, name, unknown);
            if (!unknown.isEmpty()) {
                refuseUnlessDropped(unknown.getFirst().path(), deployment, profile, dialect);
                value = value.deepCopy();
                unknown.clear();
                shape.findUnknown(value, name, unknown);
                for (FieldShape.Unknown u : unknown) {
                    u.parent().remove(u.name());
                    dropped.add(u.path());
                }
            }
            kept.put(name, value);
        }
        return dropped.isEmpty() ? CheckedChat.unchanged(request)
                : new CheckedChat(request.toBuilder().extensions(kept).build(), dropped);
    }

    private static void refuseUnlessDropped(String path, Deployment deployment, CompatibleProfile profile,
            ChatDialect dialect) {
        if (!deployment.dropParams()) {
            throw new GatewayException.BadRequest("'" + path + "' is not a parameter " + profile.displayName()
                    + " documents for chat completions (" + dialect.reference() + "); remove it, or set drop_params "
                    + "on the deployment to have Gatehouse drop it.", path, "unsupported_parameter", null);
        }
    }

    private static void refuseUnallowedPrice(String name, JsonNode value, Deployment deployment,
            CompatibleProfile profile, ChatDialect dialect) {
        Set<String> free = dialect.priceFields().get(name);
        if (free == null || deployment.allowPriceFields().contains(name) || value == null || value.isNull()
                || value.isTextual() && free.contains(value.asText())) {
            return;
        }
        throw new GatewayException.BadRequest("'" + name + "'" + (value.isTextual() ? " '" + value.asText() + "'" : "")
                + " makes " + profile.displayName() + " charge more than the price Gatehouse accounts with, so "
                + "budgets would undercount it; the deployment of '" + deployment.model() + "' does not allow it "
                + "(allow_price_fields).", name, "price_field_not_allowed", null);
    }
}
