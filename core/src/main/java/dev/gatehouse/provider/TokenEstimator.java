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
 * An estimate of a request's input tokens, before it is sent or where a provider can not count
 * them. One estimator serves routing (tokens per minute of a deployment) and the gateway's
 * token count; the server gives the gateway its own (o200k), so limits and routing agree.
 *
 * <p>{@link #CHARACTERS} is the rule of thumb: one token per {@value #CHARS_PER_TOKEN}
 * characters of text (the figure OpenAI and Anthropic both give for English). Every estimate
 * adds {@value #PER_MESSAGE} tokens of framing per message and per tool, and {@value #PER_IMAGE}
 * tokens per image (Anthropic's figure for an image of about 1.15 megapixels, the largest it
 * takes without resizing). It is a rough figure: code, other languages and tokenizers differ by
 * tens of percent either way; answers built on it say so.
 */
@FunctionalInterface
public interface TokenEstimator {

    int CHARS_PER_TOKEN = 4;
    /** Tokens of framing per message and per tool definition. */
    int PER_MESSAGE = 4;
    /** An image (or a document) in a prompt, counted as this many tokens. */
    int PER_IMAGE = 1600;

    /** The estimate by characters: one token per {@value #CHARS_PER_TOKEN} characters of the request's text. */
    TokenEstimator CHARACTERS = request -> {
        long[] chars = {0};
        long fixed = framing(request, text -> chars[0] += text.length());
        return clamp(fixed + (chars[0] + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
    };

    /** The input tokens of a chat request: its text, framing and images. */
    int estimate(ChatRequest request);

    /**
     * Tokens in plain text known only by its length (embedding input, an image prompt, a rerank
     * query, a body sent as written): one per {@value #CHARS_PER_TOKEN} characters, rounded up.
     */
    default long ofText(long characters) {
        return (characters + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /**
     * An estimator with a tokenizer: {@code tokens} counts each piece of a request's text
     * (messages, tool calls, tool definitions), and the framing per message, tool and image is
     * added as for {@link #CHARACTERS}.
     */
    static TokenEstimator counting(ToIntFunction<String> tokens) {
        return request -> estimate(request, tokens);
    }

    /** The estimate of {@link #counting(ToIntFunction)}, computed once. */
    static int estimate(ChatRequest request, ToIntFunction<String> tokens) {
        long[] counted = {0};
        long fixed = framing(request, text -> counted[0] += tokens.applyAsInt(text));
        return clamp(fixed + counted[0]);
    }

    /** Gives every piece of the request's text to {@code text}; returns the fixed tokens of its framing and images. */
    private static long framing(ChatRequest request, Consumer<String> text) {
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
