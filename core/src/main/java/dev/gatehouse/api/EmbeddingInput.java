package dev.gatehouse.api;

import java.util.List;

/**
 * What an embeddings request embeds: texts, or texts already split into token ids (OpenAI
 * accepts both in {@code input}). Either way a list, so that one input and many are one case.
 */
public sealed interface EmbeddingInput {

    /** How many inputs, each of which gets one embedding. */
    int size();

    /** Inputs {@code from} (inclusive) to {@code to} (exclusive), for splitting a batch. */
    EmbeddingInput slice(int from, int to);

    /** Texts, one embedding each. */
    record Texts(List<String> texts) implements EmbeddingInput {
        public Texts {
            texts = List.copyOf(texts);
        }

        @Override
        public int size() {
            return texts.size();
        }

        @Override
        public Texts slice(int from, int to) {
            return new Texts(texts.subList(from, to));
        }
    }

    /** Token id arrays, one embedding each. */
    record Tokens(List<List<Integer>> tokens) implements EmbeddingInput {
        public Tokens {
            tokens = tokens.stream().map(List::copyOf).toList();
        }

        @Override
        public int size() {
            return tokens.size();
        }

        @Override
        public Tokens slice(int from, int to) {
            return new Tokens(tokens.subList(from, to));
        }
    }
}
