package dev.gatehouse.provider.openai;

import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import java.util.List;

/**
 * How a chat becomes the one prompt of OpenAI's legacy Completions API, which reads text only
 * (docs/providers/openai.md, "Text completions"):
 *
 * <ul>
 *   <li>one user message is its text exactly, so a {@code /v1/completions} request reaches the
 *       upstream with its prompt unchanged (several text parts are joined by a newline);</li>
 *   <li>any other conversation is a transcript: each message as {@code Role: text} ({@code System}
 *       for system and developer messages, {@code User}, {@code Assistant}), separated by a blank
 *       line, ended by {@code Assistant:} for the model to go on from. When the conversation ends
 *       with an assistant message, its text is left open instead, and the model continues it.</li>
 * </ul>
 *
 * LiteLLM sends several messages as a list of prompts, which OpenAI answers one completion each;
 * a transcript keeps one conversation one answer. Images and tool messages have no text form here
 * and are refused with a 400 naming them, whatever the deployment's {@code drop_params} says:
 * leaving them out would change the question.
 */
final class TextCompletionPrompt {

    private TextCompletionPrompt() {}

    static String of(List<Message> messages) {
        if (messages.isEmpty()) {
            throw new GatewayException.BadRequest("'messages' must hold at least one message.", "messages");
        }
        if (messages.size() == 1 && messages.getFirst() instanceof Message.User user) {
            return text(user, "messages[0]");
        }
        StringBuilder prompt = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            String param = "messages[" + i + "]";
            if (i > 0) {
                prompt.append("\n\n");
            }
            switch (messages.get(i)) {
                case Message.System m -> prompt.append("System: ").append(m.content());
                case Message.Developer m -> prompt.append("System: ").append(m.content());
                case Message.User m -> prompt.append("User: ").append(text(m, param));
                case Message.Assistant m -> {
                    if (!m.toolCalls().isEmpty()) {
                        throw refused(param + ".tool_calls", "tool calls");
                    }
                    String text = m.content() != null ? m.content() : m.refusal();
                    prompt.append("Assistant:");
                    if (text != null && !text.isEmpty()) {
                        prompt.append(' ').append(text);
                    }
                }
                case Message.Tool m -> throw refused(param, "tool results");
            }
        }
        if (!(messages.getLast() instanceof Message.Assistant)) {
            prompt.append("\n\nAssistant:");
        }
        return prompt.toString();
    }

    private static String text(Message.User user, String param) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < user.content().size(); i++) {
            switch (user.content().get(i)) {
                case ContentPart.Text part -> {
                    if (!text.isEmpty()) {
                        text.append('\n');
                    }
                    text.append(part.text());
                }
                case ContentPart.Image image -> throw refused(param + ".content[" + i + "]", "images");
            }
        }
        return text.toString();
    }

    private static GatewayException.BadRequest refused(String param, String what) {
        return new GatewayException.BadRequest("OpenAI's Completions API reads one text prompt and has no " + what
                + " ('" + param + "'); send this conversation to a chat model instead.", param,
                "unsupported_parameter", null);
    }
}
