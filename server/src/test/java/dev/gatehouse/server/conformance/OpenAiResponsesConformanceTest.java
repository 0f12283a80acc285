package dev.gatehouse.server.conformance;

import java.util.Map;

/** The Responses suite on OpenAI's own Responses API, to which Gatehouse passes the request as written. */
class OpenAiResponsesConformanceTest extends ResponsesConformanceSuite {

    @Override
    ResponsesUpstream newUpstream() {
        return new NativeResponsesUpstream(new ResponsesEndpointFake(), "openai", "gpt-5", Map.of());
    }
}
