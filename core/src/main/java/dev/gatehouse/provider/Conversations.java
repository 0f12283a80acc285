package dev.gatehouse.provider;

import dev.gatehouse.api.Message;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * OpenAI's messages walked for an upstream whose conversation is a system prompt beside user and
 * assistant turns, without participant names (Anthropic, Bedrock): the walk in order, system and
 * developer messages as system text, and a {@code name} refused or dropped as the deployment says.
 */
public final class Conversations {

    /**
     * What an upstream's mapper does with each kind of message; {@code index} is the message's place
     * in the request.
     *
     * @param system    the text of a system or developer message that is not blank
     * @param user      a user message
     * @param assistant an assistant message
     * @param tool      a tool result
     */
    public record Turns(Consumer<String> system, ObjIntConsumer<Message.User> user,
            ObjIntConsumer<Message.Assistant> assistant, ObjIntConsumer<Message.Tool> tool) {}

    private Conversations() {}

    public static void walk(List<Message> messages, UnsupportedParams unsupported, Turns turns) {
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String param = "messages[" + i + "]";
            switch (message) {
                case Message.System s -> {
                    rejectName(s.name(), param, unsupported);
                    system(s.content(), turns);
                }
                case Message.Developer d -> {
                    rejectName(d.name(), param, unsupported);
                    system(d.content(), turns);
                }
                case Message.User user -> {
                    rejectName(user.name(), param, unsupported);
                    turns.user().accept(user, i);
                }
                case Message.Assistant assistant -> {
                    rejectName(assistant.name(), param, unsupported);
                    turns.assistant().accept(assistant, i);
                }
                case Message.Tool tool -> turns.tool().accept(tool, i);
            }
        }
    }

    private static void system(String text, Turns turns) {
        if (!text.isBlank()) {
            turns.system().accept(text);
        }
    }

    private static void rejectName(String name, String param, UnsupportedParams unsupported) {
        if (name != null) {
            unsupported.reject(param + ".name", unsupported.upstream() + " messages have no participant name");
        }
    }
}
