package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;

/** Every conformance scenario against the fake Azure OpenAI's v1 API (no api_version: the model names the deployment). */
class AzureV1ConformanceTest extends ConformanceSuite {

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
}
