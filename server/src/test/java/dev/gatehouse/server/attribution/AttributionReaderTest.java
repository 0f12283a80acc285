package dev.gatehouse.server.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a request's body, headers and key say of its end user and tags, in LiteLLM's order. */
class AttributionReaderTest {

    private static ObjectNode body(String json) {
        return (ObjectNode) Json.parseUpstream(json, "test");
    }

    private static Attribution read(String json, Map<String, String> headers, JsonNode keyMetadata) {
        return AttributionReader.read(json == null ? null : body(json), name -> Optional.ofNullable(headers.get(name)),
                keyMetadata);
    }

    private static Attribution read(String json, Map<String, String> headers) {
        return read(json, headers, Json.object());
    }

    @Test
    void theEndUserIsTheFirstSourceInLiteLlmsOrder() {
        String all = "{\"user\":\"body-user\",\"litellm_metadata\":{\"user\":\"litellm\"},"
                + "\"metadata\":{\"user_id\":\"anthropic\"},\"safety_identifier\":\"safety\"}";
        assertEquals("body-user", read(all, Map.of()).endUser());
        assertEquals("litellm", read("{\"litellm_metadata\":{\"user\":\"litellm\"},\"metadata\":{\"user_id\":\"a\"}}",
                Map.of()).endUser());
        assertEquals("anthropic", read("{\"metadata\":{\"user_id\":\"anthropic\"},\"safety_identifier\":\"s\"}",
                Map.of()).endUser());
        assertEquals("safety", read("{\"safety_identifier\":\"safety\"}", Map.of()).endUser());
        assertEquals("end-user-header", read(all, Map.of("x-litellm-end-user-id", "end-user-header")).endUser());
        assertEquals("customer", read(all, Map.of("x-litellm-end-user-id", "e", "x-litellm-customer-id",
                "customer")).endUser());
        assertEquals("gatehouse", read(all, Map.of("x-litellm-customer-id", "c", "x-gatehouse-end-user",
                " gatehouse ")).endUser(), "a header's value is trimmed");
        assertNull(read("{\"user\":\"\"}", Map.of("x-gatehouse-end-user", " ")).endUser(), "empty is none");
        assertNull(read(null, Map.of()).endUser(), "a form has only headers");
    }

    @Test
    void tagsComeFromTheKeyTheHeadersAndTheBodyWithoutRepeats() {
        ObjectNode key = Json.object();
        key.putArray("tags").add("team").add(7).add("");
        ObjectNode request = body("{\"metadata\":{\"tags\":[\"job\",\"team\"],\"trace\":\"t\"}}");
        Attribution attribution = AttributionReader.read(request, name -> Optional.ofNullable(Map.of(
                "x-gatehouse-tags", "a, b,,", "x-litellm-tags", "b,c").get(name)), key);
        assertEquals(List.of("team", "a", "b", "c", "job"), attribution.tags());
        assertEquals("{\"metadata\":{\"trace\":\"t\"}}", request.toString(), "only the tags are taken out");
        ObjectNode onlyTags = body("{\"model\":\"m\",\"metadata\":{\"tags\":[\"x\"]}}");
        AttributionReader.read(onlyTags, name -> Optional.empty(), null);
        assertFalse(onlyTags.has("metadata"), "a metadata left empty is dropped: " + onlyTags);
    }

    @Test
    void invalidValuesAre400sNamingWhereTheyWere() {
        assertEquals("user", refused("{\"user\":1}", Map.of()).param());
        assertEquals("metadata.user_id", refused("{\"metadata\":{\"user_id\":{}}}", Map.of()).param());
        assertEquals("user", refused("{\"user\":\"a\\u0000b\"}", Map.of()).param());
        assertEquals("safety_identifier", refused("{\"user\":\"fine\",\"safety_identifier\":\""
                + "s".repeat(AttributionReader.MAX_END_USER + 1) + "\"}", Map.of()).param(),
                "a field that would not win is checked too");
        assertEquals("x-gatehouse-end-user", refused("{}", Map.of("x-gatehouse-end-user", "a\tb")).param());
        assertEquals("metadata.tags", refused("{\"metadata\":{\"tags\":[\"\"]}}", Map.of()).param());
        assertEquals("metadata.tags", refused("{\"metadata\":{\"tags\":{\"a\":1}}}", Map.of()).param());
        assertNull(refused("{}", Map.of("x-litellm-tags", "t".repeat(AttributionReader.MAX_TAG + 1))).param(),
                "a header is no body parameter; the message names it");
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= AttributionReader.MAX_TAGS; i++) {
            many.append(i == 0 ? "" : ",").append("t").append(i);
        }
        assertEquals("metadata.tags", refused("{}", Map.of("x-gatehouse-tags", many.toString())).param());
    }

    private static GatewayException refused(String json, Map<String, String> headers) {
        GatewayException e = assertThrows(GatewayException.BadRequest.class, () -> read(json, headers));
        assertEquals(400, e.status());
        return e;
    }
}
