package dev.gatehouse.api.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;

/** A failure as OpenAI's error body: {@code {"error":{"message","type","param","code"}}}. */
public final class ErrorJson {

    private ErrorJson() {}

    public static ObjectNode write(GatewayException error) {
        ObjectNode body = Json.object();
        ObjectNode e = body.putObject("error");
        e.put("message", ErrorText.message(error.getMessage()));
        e.put("type", error.type());
        if (error.param() == null) {
            e.putNull("param");
        } else {
            e.put("param", ErrorText.param(error.param()));
        }
        if (error.code() == null) {
            e.putNull("code");
        } else {
            e.put("code", error.code());
        }
        return body;
    }
}
