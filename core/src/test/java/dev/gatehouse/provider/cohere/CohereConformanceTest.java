package dev.gatehouse.provider.cohere;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.cohere.FakeCohere;

/** Every conformance scenario against the strict fake Cohere v2 Chat API. */
class CohereConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeCohere();
    }

    @Override
    protected String providerId() {
        return "cohere";
    }
}
