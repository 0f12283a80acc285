package dev.gatehouse.provider.anthropic;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;

/** Every conformance scenario, against the strict Anthropic fake. */
class AnthropicConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeAnthropic();
    }

    @Override
    protected String providerId() {
        return "anthropic";
    }
}
