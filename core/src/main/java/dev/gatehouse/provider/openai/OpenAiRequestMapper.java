package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.provider.Deployment;

/**
 * ChatRequest → the JSON an OpenAI-compatible upstream receives: OpenAI's own format, with the
 * profile's renames applied and the fields it refuses dropped or refused. The caller's further
 * fields pass only where the member's dialect documents them ({@link ChatFieldCheck}).
 */
final class OpenAiRequestMapper {

    private OpenAiRequestMapper() {}

    static ObjectNode toUpstream(ChatRequest request, Deployment deployment, CompatibleProfile profile) {
        ChatRequest checked = dropOrRefuse(ChatFieldCheck.check(request, deployment, profile).request(), deployment,
                profile);
        ObjectNode body = ChatRequestJson.write(checked);
        for (String param : profile.unsupportedParams()) {
            if (body.has(param)) {
                if (!deployment.dropParams()) {
                    throw unsupported(param, profile);
                }
                body.remove(param);
            }
        }
        profile.renamedParams().forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null) {
                body.set(to, value);
            }
        });
        if (checked.stream() && profile.streamUsageOption()) {
            // Always ask for usage, so that every stream can be accounted; the decoder hides the
            // usage chunk from callers who did not ask for it.
            body.putObject("stream_options").put("include_usage", true);
        } else {
            // This upstream does not take the option; it reports usage unasked, and the decoder
            // turns that into OpenAI's usage chunk for callers who asked.
            body.remove("stream_options");
        }
        return body;
    }

    private static ChatRequest dropOrRefuse(ChatRequest request, Deployment deployment, CompatibleProfile profile) {
        ChatRequest.Builder b = request.toBuilder();
        boolean changed = false;
        if (profile.singleChoiceOnly() && request.n() != null && request.n() != 1) {
            if (!deployment.dropParams()) {
                throw unsupported("n", profile);
            }
            b.n(null);
            changed = true;
        }
        if (profile.messageNamesRefused() && request.messages().stream().anyMatch(OpenAiRequestMapper::hasName)) {
            if (!deployment.dropParams()) {
                throw unsupported("messages[].name", profile);
            }
            b.messages(request.messages().stream().map(OpenAiRequestMapper::withoutName).toList());
            changed = true;
        }
        return changed ? b.build() : request;
    }

    /** Whether a message carries a participant {@code name} (shared with the legacy Completions API's checks). */
    static boolean hasName(Message message) {
        return switch (message) {
            case Message.System m -> m.name() != null;
            case Message.Developer m -> m.name() != null;
            case Message.User m -> m.name() != null;
            case Message.Assistant m -> m.name() != null;
            case Message.Tool m -> false;
        };
    }

    /** The message without its participant {@code name}. */
    static Message withoutName(Message message) {
        return switch (message) {
            case Message.System m -> new Message.System(m.content(), null);
            case Message.Developer m -> new Message.Developer(m.content(), null);
            case Message.User m -> new Message.User(m.content(), null);
            case Message.Assistant m -> new Message.Assistant(m.content(),
                    m.toolCalls(), m.refusal(), m.reasoningContent(), null);
            case Message.Tool m -> m;
        };
    }

    private static GatewayException.BadRequest unsupported(String param, CompatibleProfile profile) {
        return new GatewayException.BadRequest("'" + param + "' is not supported by " + profile.displayName()
                + "; remove it, or set drop_params on the deployment to have Gatehouse drop it.", param);
    }
}
