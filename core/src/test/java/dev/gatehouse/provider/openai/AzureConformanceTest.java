package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.util.Map;

/** Every conformance scenario against the fake Azure OpenAI, at a deployment address with an api-version. */
class AzureConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeOpenAi(Dialect.AZURE);
    }

    @Override
    protected String providerId() {
        return "azure";
    }

    @Override
    protected String upstreamModel() {
        return "my-gpt-4o-deployment";
    }

    @Override
    protected Deployment.Builder configure(Deployment.Builder deployment) {
        return deployment.options(Map.of("api_version", "2024-10-21"));
    }
}
