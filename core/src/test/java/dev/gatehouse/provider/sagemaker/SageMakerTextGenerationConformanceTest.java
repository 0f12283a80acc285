package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.sagemaker.FakeSageMaker;
import java.util.Map;
import java.util.Set;

/**
 * The conformance scenarios against the strict fake SageMaker in the text-generation (TGI)
 * format ({@code sagemaker}), with TGI's details asked for so that the usage is the container's.
 * The format is one prompt in and text out: it has no tools (so no tool scenario, parallel or
 * not, and no tool results in the conversation) and no images; each of those is a clear 400
 * naming sagemaker_chat. A JSON schema goes as TGI's grammar.
 */
class SageMakerTextGenerationConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeSageMaker();
    }

    @Override
    protected String providerId() {
        return "sagemaker";
    }

    @Override
    protected String upstreamModel() {
        return "jumpstart-dft-hf-textgeneration1-mp-20240815-185614";
    }

    @Override
    protected Set<String> unsupported() {
        return Set.of(TOOLS, IMAGE_INPUT);
    }

    @Override
    protected Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment.apiKey(null)
                .options(Map.of(SageMakerProvider.REGION, FakeSageMaker.REGION, TgiRequestMapper.DETAILS_OPTION, "true"))
                .credential(SageMakerProvider.ACCESS_KEY_ID, Secret.of(FakeSageMaker.ACCESS_KEY_ID))
                .credential(SageMakerProvider.SECRET_ACCESS_KEY, Secret.of(fake.apiKey()));
    }
}
