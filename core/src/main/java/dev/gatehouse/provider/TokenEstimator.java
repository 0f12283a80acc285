package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

/**
 * An estimate of a request's input tokens, for providers that can not count them: one token
 * per {@value #CHARS_PER_TOKEN} characters of text (the rule of thumb OpenAI and Anthropic both
 * give for English), {@value #PER_MESSAGE} tokens of framing per message and per tool,
 * and {@value #PER_IMAGE} tokens per image (Anthropic's figure for an image of about 1.15
 * megapixels, the largest it takes without resizing). It is a rough figure: code, other
 * languages and tokenizers differ by tens of percent either way; answers built on it say so.
 */
public final class TokenEstimator {

    public static final int CHARS_PER_TOKEN = 4;
    static final int PER_MESSAGE = 4;
    /** An image (or a document) in a prompt, counted as this many tokens. */
    public static final int PER_IMAGE = 1600;

    private TokenEstimator() {}

    /** The estimate by characters: one token per {@value #CHARS_PER_TOKEN} characters of the request's text. */
    public static int estimate(ChatRequest request) {
        long[] chars = {0};
        long fixed = texts(request, text -> chars[0] += text.length());
        return clamp(fixed + (chars[0] + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    }

    /**
     * The estimate with a tokenizer: {@code tokens} counts each piece of the request's text
     * (messages, tool calls, tool definitions), and the framing per message, tool and image is
     * added as above.
     */
    public static int estimate(ChatRequest request, ToIntFunction<String> tokens) {
        long[] counted = {0};
        long fixed = texts(request, text -> counted[0] += tokens.applyAsInt(text));
        return clamp(fixed + counted[0]);
    }

    /** Gives every piece of the request's text to {@code text}; returns the fixed tokens of its framing and images. */
    private static long texts(ChatRequest request, Consumer<String> text) {
        long fixed = 0;
        for (Message message : request.messages()) {
            fixed += PER_MESSAGE;
            switch (message) {
                case Message.System m -> text.accept(m.content());
                case Message.Developer m -> text.accept(m.content());
                case Message.User m -> {
                    for (ContentPart part : m.content()) {
                        switch (part) {
                            case ContentPart.Text t -> text.accept(t.text());
                            case ContentPart.Image image -> fixed += PER_IMAGE;
                        }
                    }
                }
                case Message.Assistant m -> {
                    text.accept(orEmpty(m.content()));
                    text.accept(orEmpty(m.refusal()));
                    for (ToolCall call : m.toolCalls()) {
                        text.accept(call.name());
                        text.accept(call.arguments());
                    }
                }
                case Message.Tool m -> text.accept(m.content());
            }
        }
        for (Tool tool : request.tools()) {
            fixed += PER_MESSAGE;
            text.accept(tool.name());
            text.accept(orEmpty(tool.description()));
            if (tool.parameters() != null) {
                text.accept(Json.text(tool.parameters()));
            }
        }
        return fixed;
    }

    private static int clamp(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }
}
