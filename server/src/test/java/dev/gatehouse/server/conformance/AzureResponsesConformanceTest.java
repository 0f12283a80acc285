package dev.gatehouse.server.conformance;

import java.util.Map;

/** The Responses suite on Azure OpenAI's Responses API, to which Gatehouse passes the request as written. */
class AzureResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new NativeResponsesUpstream(new ResponsesEndpointFake(), "azure", "my-gpt-5-deployment",
                Map.of("api_version", "2025-04-01-preview"));
    }
}
