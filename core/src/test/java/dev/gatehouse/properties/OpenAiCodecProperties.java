package dev.gatehouse.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.wire.ChatRequestJson;
import dev.gatehouse.json.Json;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever valid request Gatehouse writes in OpenAI's format, it reads back as the same request. */
class OpenAiCodecProperties {

    @Provide
    Arbitrary<ChatRequest> requests() {
        return Requests.requests("gpt-4o");
    }

    @Property(tries = 300)
    void writeThenReadIsIdentity(@ForAll("requests") ChatRequest request) {
        byte[] wire = Json.bytes(ChatRequestJson.write(request));
        ChatRequest back = ChatRequestJson.read(Json.parseUpstream(wire, "test"));
        assertEquals(request, back);
    }
}
