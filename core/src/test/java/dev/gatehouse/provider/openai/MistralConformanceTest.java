package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;

/** The conformance suite against the fake of Mistral: seed is random_seed, usage on the last chunk. */
class MistralConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeOpenAi(Dialect.MISTRAL);
    }

    @Override
    protected String providerId() {
        return "mistral";
    }
}
