package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.anthropic.AnthropicErrorJson;
import dev.gatehouse.api.wire.ErrorJson;

/** How a route writes its failures: each API front door answers errors in its own format. */
interface ErrorFormat {

    /** The HTTP status the caller receives. */
    int status(GatewayException error);

    /** The error body. */
    JsonNode body(GatewayException error, String requestId);

    /** OpenAI's {@code {"error":{…}}}, on the OpenAI-compatible routes. */
    ErrorFormat OPENAI = new ErrorFormat() {
        @Override
        public int status(GatewayException error) {
            return error.status();
        }

        @Override
        public JsonNode body(GatewayException error, String requestId) {
            return ErrorJson.write(error);
        }
    };

    /** Anthropic's {@code {"type":"error","error":{…}}}, on the Anthropic-compatible routes. */
    ErrorFormat ANTHROPIC = new ErrorFormat() {
        @Override
        public int status(GatewayException error) {
            return AnthropicErrorJson.status(error);
        }

        @Override
        public JsonNode body(GatewayException error, String requestId) {
            return AnthropicErrorJson.write(error, requestId);
        }
    };
}
