package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;

/** The conformance suite against the fake of DeepSeek: API root without /v1. */
class DeepSeekConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeOpenAi(Dialect.DEEPSEEK);
    }

    @Override
    protected String providerId() {
        return "deepseek";
    }
}
