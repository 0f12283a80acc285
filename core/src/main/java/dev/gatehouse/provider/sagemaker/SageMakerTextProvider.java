package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.Upstream;

/**
 * The {@code sagemaker} provider: chat in the text-generation format ({@link SageMakerProvider})
 * and embeddings from a TEI endpoint ({@link SageMakerEmbeddings}), the two Hugging Face formats
 * LiteLLM's {@code sagemaker/} prefix sends. {@code sagemaker_chat} serves chat only.
 */
final class SageMakerTextProvider implements ChatProvider, EmbeddingProvider {

    private final SageMakerProvider chat;

    SageMakerTextProvider(SageMakerProvider chat) {
        this.chat = chat;
    }

    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return chat.checkFields(request, deployment);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        return chat.chat(request, upstream);
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        return chat.stream(request, upstream);
    }

    /** TEI has no end-user field: the gateway leaves {@code user} out and names it. */
    @Override
    public boolean takesEndUser() {
        return false;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        int limit = EmbeddingBatches.limit(upstream.deployment(), SageMakerEmbeddings.MAX_PER_CALL);
        return EmbeddingBatches.run(request, limit, SageMakerProvider.NAME, part -> UpstreamCalls.read(
                upstream.transport(), chat.call(SageMakerEmbeddings.toTei(part, upstream.deployment()),
                        upstream.deployment(), part.model(), false), chat.errors,
                (response, answer) -> SageMakerEmbeddings.toResponse(Json.parseUpstream(answer, SageMakerProvider.NAME),
                        part.model())));
    }
}
