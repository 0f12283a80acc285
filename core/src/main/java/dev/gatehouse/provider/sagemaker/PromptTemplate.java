package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.UnsupportedParams;
import java.util.List;
import java.util.Locale;

/**
 * How a chat becomes the one prompt of the text-generation format. LiteLLM builds it from the
 * endpoint's name (https://docs.litellm.ai/docs/providers/aws_sagemaker and its prompt
 * formatting page, https://docs.litellm.ai/docs/completion/prompt_formatting): for an endpoint
 * whose name holds {@code llama-2} and {@code chat}, Llama 2's chat template; otherwise its
 * default, the messages' texts joined by single spaces (for base models such as Bloom, T5 or
 * base Llama 2). Gatehouse offers the same two and the option {@code prompt_template} to choose;
 * without it, the endpoint's name decides as in LiteLLM. (LiteLLM can also fetch a model's chat
 * template from Hugging Face at run time with {@code hf_model_name}; Gatehouse fetches nothing:
 * a chat model belongs on {@code sagemaker_chat}, where the container applies its own template.)
 */
enum PromptTemplate {

    /** The messages' texts joined by single spaces. */
    PLAIN("plain"),
    /**
     * Llama 2 chat: {@code <s>[INST] <<SYS>>\n…\n<</SYS>>\n [/INST]\n} for a system message,
     * {@code [INST] … [/INST]\n} for a user message, the answer followed by {@code \n</s>}, and
     * {@code <s>} again before a system or user message that follows an answer (the template
     * LiteLLM applies, after https://github.com/facebookresearch/llama's chat format).
     */
    LLAMA_2_CHAT("llama-2-chat");

    static final String OPTION = "prompt_template";

    final String optionValue;

    PromptTemplate(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The option's value, or null when it names no template. */
    static PromptTemplate of(String optionValue) {
        for (PromptTemplate template : values()) {
            if (template.optionValue.equals(optionValue)) {
                return template;
            }
        }
        return null;
    }

    /** The deployment's template: the option when given, else LiteLLM's choice by the endpoint's name. */
    static PromptTemplate forEndpoint(String option, String endpointName) {
        if (option != null) {
            PromptTemplate chosen = of(option);
            if (chosen == null) {
                throw UnsupportedParams.invalid("model", "the deployment's prompt_template '" + option
                        + "' is not one of plain, llama-2-chat");
            }
            return chosen;
        }
        String name = endpointName.toLowerCase(Locale.ROOT);
        return name.contains("llama-2") && name.contains("chat") ? LLAMA_2_CHAT : PLAIN;
    }

    /** The prompt of these messages; a message this format can not hold (an image, a tool call) is refused. */
    String render(List<Message> messages) {
        return this == PLAIN ? plain(messages) : llama2Chat(messages);
    }

    private static String plain(List<Message> messages) {
        StringBuilder prompt = new StringBuilder();
        for (Message message : messages) {
            if (!prompt.isEmpty()) {
                prompt.append(' ');
            }
            prompt.append(text(message));
        }
        return prompt.toString();
    }

    private static String llama2Chat(List<Message> messages) {
        StringBuilder prompt = new StringBuilder("<s>");
        boolean open = true;
        for (Message message : messages) {
            boolean assistant = message instanceof Message.Assistant;
            boolean starts = message instanceof Message.System || message instanceof Message.Developer
                    || message instanceof Message.User;
            if (starts && !open) {
                prompt.append("<s>");
                open = true;
            }
            String text = text(message);
            if (message instanceof Message.System || message instanceof Message.Developer) {
                prompt.append("[INST] <<SYS>>\n").append(text).append("\n<</SYS>>\n [/INST]\n");
            } else if (message instanceof Message.User) {
                prompt.append("[INST] ").append(text).append(" [/INST]\n");
            } else if (assistant) {
                prompt.append(text).append("\n</s>");
                open = false;
            }
        }
        return prompt.toString();
    }

    private static String text(Message message) {
        return switch (message) {
            case Message.System m -> m.content();
            case Message.Developer m -> m.content();
            case Message.User m -> userText(m);
            case Message.Assistant m -> {
                if (!m.toolCalls().isEmpty()) {
                    throw toolsRefused();
                }
                yield m.content() == null ? "" : m.content();
            }
            case Message.Tool m -> throw toolsRefused();
        };
    }

    private static String userText(Message.User message) {
        StringBuilder text = new StringBuilder();
        for (ContentPart part : message.content()) {
            switch (part) {
                case ContentPart.Text t -> text.append(t.text());
                case ContentPart.Image image -> throw UnsupportedParams.invalid("messages",
                        "SageMaker's text-generation format takes text only; serve a vision model with sagemaker_chat");
            }
        }
        return text.toString();
    }

    private static RuntimeException toolsRefused() {
        return UnsupportedParams.invalid("messages", "SageMaker's text-generation format has no tool calls; serve a"
                + " model that calls tools with sagemaker_chat");
    }
}
