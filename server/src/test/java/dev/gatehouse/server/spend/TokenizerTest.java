package dev.gatehouse.server.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.TokenEstimator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Token counts where providers report none. The reference counts are o200k_base's, as OpenAI's
 * tiktoken gives them (https://github.com/openai/tiktoken: "hello world" is two tokens).
 */
class TokenizerTest {

    @Test
    void countsTextWithOpenAisCurrentEncoding() {
        assertEquals(2, Tokenizer.count("hello world"));
        assertEquals(0, Tokenizer.count(""));
        assertEquals(0, Tokenizer.count(null));
        assertTrue(Tokenizer.count("<|endoftext|>") > 1, "a special-token marker in text is text, not a special token");
    }

    @Test
    void aChatPromptIsItsTextPlusTheFramingOfEachMessage() {
        ChatRequest request = ChatRequest.of("m", List.of(new Message.System("be brief", null),
                Message.User.of("hello world")));
        int text = Tokenizer.count("be brief") + Tokenizer.count("hello world");
        assertEquals(text + 2 * 4, Tokenizer.prompt(request), "four tokens of framing per message");
        assertEquals(TokenEstimator.estimate(request, Tokenizer::count), Tokenizer.prompt(request));
    }

    /** The server's one estimator (routing, limits, the spend log): o200k for chat, characters / 4 for bare lengths. */
    @Test
    void theEstimatorCountsChatWithO200kAndTextKnownByLengthByCharacters() {
        ChatRequest request = ChatRequest.of("m", List.of(Message.User.of("hello world hello world hello world")));
        assertEquals(6 + 4, Tokenizer.ESTIMATOR.estimate(request), "six o200k tokens and a message's framing");
        assertEquals(9 + 4, TokenEstimator.CHARACTERS.estimate(request), "35 characters / 4, rounded up");
        assertEquals(3, Tokenizer.ESTIMATOR.ofText(9));
    }

    @Test
    void embeddingInputsCountTextsAndTakeTokenArraysAsTheyAre() {
        assertEquals(4, Tokenizer.inputs(new EmbeddingRequest("e", new EmbeddingInput.Texts(
                List.of("hello world", "hello world")), null, null, null)));
        assertEquals(5, Tokenizer.inputs(new EmbeddingRequest("e", new EmbeddingInput.Tokens(
                List.of(List.of(1, 2, 3), List.of(4, 5))), null, null, null)));
    }
}
