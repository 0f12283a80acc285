package dev.gatehouse.provider.gemini;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.gemini.FakeGemini;

/** Every conformance scenario against the strict fake Gemini API; Gemini declares none unsupported. */
class GeminiConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeGemini();
    }

    @Override
    protected String providerId() {
        return "gemini";
    }
}
