package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/**
 * Amazon SageMaker endpoints with AWS credentials: {@code sagemaker} in the text-generation (TGI)
 * format (and embeddings from a TEI endpoint), {@code sagemaker_chat} through the container's Messages API, and LiteLLM's prefixes of
 * the same names ({@code sagemaker/<endpoint-name>}).
 */
public final class SageMakerDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of("sagemaker", "sagemaker_chat"),
            id -> id.equals("sagemaker_chat") ? new SageMakerProvider(SageMakerProvider.Format.MESSAGES_API)
                    : new SageMakerTextProvider(new SageMakerProvider(SageMakerProvider.Format.TGI)),
            SageMakerSettings::check, SageMakerProvider.credentialNames(), Map.of(),
            List.of(LiteLlmPrefix.of("sagemaker", "sagemaker"), LiteLlmPrefix.of("sagemaker_chat", "sagemaker_chat")),
            id -> ProviderDescriptor.Reach.PUBLIC);

    private SageMakerDescriptor() {}
}
