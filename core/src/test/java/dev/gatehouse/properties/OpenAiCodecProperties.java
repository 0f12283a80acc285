package dev.gatehouse.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.json.Json;
import org.junit.jupiter.api.Test;

/** Whatever valid request Gatehouse writes in OpenAI's format, it reads back as the same request. */
class OpenAiCodecProperties {

    @Test
    void writeThenReadIsIdentity() {
        Tries.forAll(300, Requests.requests("gpt-4o"), request -> {
            byte[] wire = Json.bytes(ChatRequestJson.write(request));
            ChatRequest back = ChatRequestJson.read(Json.parseUpstream(wire, "test"));
            assertEquals(request, back);
        });
    }
}
