package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;

/**
 * An estimate of a request's input tokens, for providers that can not count them: one token
 * per {@value #CHARS_PER_TOKEN} characters of text (the rule of thumb OpenAI and Anthropic both
 * give for English), {@value #PER_MESSAGE} tokens of framing per message and per tool,
 * and {@value #PER_IMAGE} tokens per image (Anthropic's figure for an image of about 1.15
 * megapixels, the largest it takes without resizing). It is a rough figure: code, other
 * languages and tokenizers differ by tens of percent either way; answers built on it say so.
 */
public final class TokenEstimator {

    static final int CHARS_PER_TOKEN = 4;
    static final int PER_MESSAGE = 4;
    static final int PER_IMAGE = 1600;

    private TokenEstimator() {}

    public static int estimate(ChatRequest request) {
        long chars = 0;
        long fixed = 0;
        for (Message message : request.messages()) {
            fixed += PER_MESSAGE;
            switch (message) {
                case Message.System m -> chars += m.content().length();
                case Message.Developer m -> chars += m.content().length();
                case Message.User m -> {
                    for (ContentPart part : m.content()) {
                        switch (part) {
                            case ContentPart.Text text -> chars += text.text().length();
                            case ContentPart.Image image -> fixed += PER_IMAGE;
                        }
                    }
                }
                case Message.Assistant m -> {
                    chars += length(m.content()) + length(m.refusal());
                    for (ToolCall call : m.toolCalls()) {
                        chars += call.name().length() + call.arguments().length();
                    }
                }
                case Message.Tool m -> chars += m.content().length();
            }
        }
        for (Tool tool : request.tools()) {
            fixed += PER_MESSAGE;
            chars += tool.name().length() + length(tool.description())
                    + (tool.parameters() == null ? 0 : Json.text(tool.parameters()).length());
        }
        long tokens = fixed + (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
