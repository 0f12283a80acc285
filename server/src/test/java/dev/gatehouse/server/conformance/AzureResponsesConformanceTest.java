package dev.gatehouse.server.conformance;

import dev.gatehouse.testkit.openai.Dialect;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.util.Map;

/**
 * The Responses suite on Azure OpenAI's Responses API (the testkit's strict fake, at Azure's
 * addresses), to which Gatehouse passes the request as written.
 */
class AzureResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new NativeResponsesUpstream(new FakeOpenAi(Dialect.AZURE), "azure", "my-gpt-5-deployment",
                Map.of("api_version", "2025-04-01-preview"));
    }
}
