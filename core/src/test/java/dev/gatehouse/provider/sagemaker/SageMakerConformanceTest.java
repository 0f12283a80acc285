package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.sagemaker.FakeSageMaker;
import java.util.Map;

/**
 * Every conformance scenario against the strict fake SageMaker through the container's Messages
 * API ({@code sagemaker_chat}), each request signed with Signature Version 4 for the service
 * {@code sagemaker} (the fake recomputes the signature); none is unsupported, since the body is
 * OpenAI's own.
 */
class SageMakerConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeSageMaker();
    }

    @Override
    protected String providerId() {
        return "sagemaker_chat";
    }

    @Override
    protected String upstreamModel() {
        return "my-tgi-endpoint";
    }

    @Override
    protected Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment.apiKey(null)
                .options(Map.of(SageMakerProvider.REGION, FakeSageMaker.REGION))
                .credential(SageMakerProvider.ACCESS_KEY_ID, Secret.of(FakeSageMaker.ACCESS_KEY_ID))
                .credential(SageMakerProvider.SECRET_ACCESS_KEY, Secret.of(fake.apiKey()));
    }
}
