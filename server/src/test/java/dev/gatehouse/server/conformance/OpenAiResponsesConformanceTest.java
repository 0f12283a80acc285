package dev.gatehouse.server.conformance;

import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.util.Map;

/**
 * The Responses suite on OpenAI's own Responses API (the testkit's strict fake), to which Gatehouse
 * passes the request as written.
 */
class OpenAiResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new NativeResponsesUpstream(new FakeOpenAi(Dialect.OPENAI), "openai", "gpt-5", Map.of());
    }
}
