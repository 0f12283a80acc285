package dev.gatehouse.server.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Paging a stored response's input items as OpenAI's input_items list does. */
class InputItemsPageTest {

    private static final ArrayNode ITEMS = items(25);

    private static ArrayNode items(int count) {
        ArrayNode items = Json.array();
        for (int i = 1; i <= count; i++) {
            items.addObject().put("id", "msg_" + i).put("type", "message").put("role", "user");
        }
        return items;
    }

    private static InputItemsPage query(Map<String, String> params) {
        return InputItemsPage.read(name -> Optional.ofNullable(params.get(name)));
    }

    private static List<String> ids(ObjectNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    @Test
    void byDefaultTwentyNewestFirst() {
        ObjectNode page = query(Map.of()).of(ITEMS);
        assertEquals("list", page.path("object").asText());
        assertEquals(20, page.path("data").size());
        assertEquals("msg_25", page.path("first_id").asText());
        assertEquals("msg_6", page.path("last_id").asText());
        assertTrue(page.path("has_more").asBoolean());
    }

    @Test
    void afterContinuesInTheOrderAsked() {
        ObjectNode first = query(Map.of("order", "asc", "limit", "10")).of(ITEMS);
        assertEquals("msg_1", first.path("first_id").asText());
        assertEquals("msg_10", first.path("last_id").asText());
        ObjectNode next = query(Map.of("order", "asc", "limit", "10", "after", "msg_10")).of(ITEMS);
        assertEquals(List.of("msg_11", "msg_12", "msg_13", "msg_14", "msg_15", "msg_16", "msg_17", "msg_18", "msg_19",
                "msg_20"), ids(next));
        ObjectNode last = query(Map.of("order", "asc", "limit", "10", "after", "msg_20")).of(ITEMS);
        assertEquals(5, last.path("data").size());
        assertFalse(last.path("has_more").asBoolean());
        ObjectNode down = query(Map.of("limit", "2", "after", "msg_3")).of(ITEMS);
        assertEquals(List.of("msg_2", "msg_1"), ids(down));
        assertFalse(down.path("has_more").asBoolean());
    }

    @Test
    void anEmptyPageHasNoIds() {
        ObjectNode page = query(Map.of("after", "msg_1")).of(ITEMS);
        assertEquals(0, page.path("data").size());
        assertTrue(page.path("first_id").isNull());
        assertTrue(page.path("last_id").isNull());
        assertFalse(page.path("has_more").asBoolean());
    }

    @Test
    void wrongParametersAreRefusedByName() {
        for (Map<String, String> wrong : List.of(Map.of("limit", "0"), Map.of("limit", "101"), Map.of("limit", "ten"),
                Map.of("limit", "99999999999999999999"), Map.of("order", "newest"), Map.of("after", "msg\u0000"),
                Map.of("include", "message.input_image.image_url"))) {
            GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class, () -> query(wrong));
            assertEquals(wrong.keySet().iterator().next(), e.param(), wrong.toString());
        }
        GatewayException.BadRequest unknown = assertThrows(GatewayException.BadRequest.class,
                () -> query(Map.of("after", "msg_99")).of(ITEMS));
        assertEquals("after", unknown.param());
        JsonNode limitOk = query(Map.of("limit", "100")).of(ITEMS).path("data");
        assertEquals(25, limitOk.size());
    }
}
