package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.Upstream;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.sagemaker.FakeSageMaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Embeddings in TEI's format (https://huggingface.github.io/text-embeddings-inference/:
 * {@code {"inputs": [texts]}} → {@code [[…], …]}), through the fake SageMaker, split into TEI's
 * default batches of 32; only {@code sagemaker} embeds.
 */
class SageMakerEmbeddingsTest {

    private static EmbeddingRequest request(List<String> texts) {
        return new EmbeddingRequest("bge-endpoint", new EmbeddingInput.Texts(texts), null, null, null);
    }

    @Test
    void textsGoAsTeisInputsAndVectorsComeBackInOrderInBatchesOf32() {
        try (FakeSageMaker fake = new FakeSageMaker()) {
            fake.replyEmbeddings(2);
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                texts.add("text " + i);
            }
            Deployment d = Deployment.builder("m", "sagemaker").upstreamModel("bge-endpoint").baseUrl(fake.baseUrl())
                    .options(Map.of(SageMakerProvider.REGION, FakeSageMaker.REGION))
                    .credential(SageMakerProvider.ACCESS_KEY_ID, Secret.of(FakeSageMaker.ACCESS_KEY_ID))
                    .credential(SageMakerProvider.SECRET_ACCESS_KEY, Secret.of(fake.apiKey())).build();
            EmbeddingProvider provider = assertInstanceOf(EmbeddingProvider.class, Providers.provider("sagemaker"));
            EmbeddingResponse response = provider.embed(request(texts),
                    new Upstream(d, new JdkHttpTransport(Duration.ofSeconds(5))));
            fake.assertNoViolations();
            assertEquals(40, response.data().size());
            assertArrayEquals(new float[] {"text 35".length(), 3, 0.25f, 0.25f}, response.data().get(35).vector(),
                    "the 36th text is the 4th of the second call");
            assertNull(response.usage(), "TEI counts no tokens: the gateway counts them");
            assertEquals(32, fake.requests().get(0).json().get("inputs").size());
            assertEquals("/endpoints/bge-endpoint/invocations", fake.requests().get(0).pathOnly());
        }
        assertFalse(Providers.provider("sagemaker_chat") instanceof EmbeddingProvider, "the Messages API only chats");
    }

    @Test
    void theOlderToolkitsWrappedAnswerIsReadAndOthersAreTheUpstreamsFailure() {
        EmbeddingResponse wrapped = SageMakerEmbeddings.toResponse(Json.parseUpstream(
                "{\"embedding\":[[0.5,1.5]]}", "t"), "e");
        assertArrayEquals(new float[] {0.5f, 1.5f}, wrapped.data().getFirst().vector());
        assertThrows(GatewayException.UpstreamServerError.class,
                () -> SageMakerEmbeddings.toResponse(Json.parseUpstream("{\"vectors\":[]}", "t"), "e"));
    }

    @Test
    void tokenArraysAreRefusedAndDimensionsAsTheDeploymentSays() {
        Deployment keep = Deployment.builder("m", "sagemaker").build();
        assertThrows(GatewayException.BadRequest.class, () -> SageMakerEmbeddings.toTei(new EmbeddingRequest("e",
                new EmbeddingInput.Tokens(List.of(List.of(1, 2))), null, null, null), keep));
        EmbeddingRequest sized = new EmbeddingRequest("e", new EmbeddingInput.Texts(List.of("a")), 256, null, null);
        assertThrows(GatewayException.BadRequest.class, () -> SageMakerEmbeddings.toTei(sized, keep));
        assertEquals("{\"inputs\":[\"a\"]}", Json.text(SageMakerEmbeddings.toTei(sized,
                Deployment.builder("m", "sagemaker").dropParams(true).build())));
    }
}
