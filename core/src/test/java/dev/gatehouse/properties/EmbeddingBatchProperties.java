package dev.gatehouse.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.EmbeddingBatches;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Splitting an embeddings request into batches never changes the answer: every input's vector
 * is at its input's index, every call stays within the limit, and usage is the sum of the calls.
 */
class EmbeddingBatchProperties {

    /** Inputs, the provider's batch limit, and whether the upstream lists its answers backwards. */
    record Case(List<String> texts, int limit, boolean reversedAnswers) {}

    /** One to 300 inputs of one to 20 characters, a limit of one to 50: sizes at the limit, below and above it. */
    static final Gen<Case> CASES = random -> new Case(
            Gen.strings(1, 20, Gen.chars(' ', '\uffef')).list(1, 300).next(random),
            Gen.between(1, 50).next(random), random.nextBoolean());

    @Test
    void splittingKeepsOrderAndSumsUsage() {
        Tries.forAll(200, CASES, c -> check(c.texts(), c.limit(), c.reversedAnswers()));
    }

    private static void check(List<String> texts, int limit, boolean reversedAnswers) {
        List<Integer> callSizes = new ArrayList<>();
        EmbeddingRequest request = new EmbeddingRequest("m", new EmbeddingInput.Texts(texts), null, null, null);
        EmbeddingResponse response = EmbeddingBatches.run(request, limit, "test", part -> {
            List<String> inputs = ((EmbeddingInput.Texts) part.input()).texts();
            callSizes.add(inputs.size());
            List<EmbeddingResponse.Embedding> data = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                data.add(new EmbeddingResponse.Embedding(i, new float[] {inputs.get(i).hashCode()}));
            }
            if (reversedAnswers) {
                java.util.Collections.reverse(data); // an upstream may list them in any order; index rules
            }
            return new EmbeddingResponse("m", data, Usage.of(inputs.size() * 2, 0));
        });
        assertEquals(texts.size(), response.data().size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(i, response.data().get(i).index());
            assertEquals((float) texts.get(i).hashCode(), response.data().get(i).vector()[0]);
        }
        assertEquals((texts.size() + limit - 1) / limit, callSizes.size());
        callSizes.forEach(size -> assertEquals(true, size <= limit));
        assertEquals(texts.size() * 2, response.usage().promptTokens());
    }
}
