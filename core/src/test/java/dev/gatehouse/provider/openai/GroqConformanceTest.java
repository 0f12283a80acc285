package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;

/** The conformance suite against the fake of Groq: /openai/v1 root, refuses logprobs and friends. */
class GroqConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeOpenAi(Dialect.GROQ);
    }

    @Override
    protected String providerId() {
        return "groq";
    }
}
