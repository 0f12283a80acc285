package dev.gatehouse.api.responses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code reasoning} on a Responses request for a model whose deployments say it does not reason:
 * checked, not sent, named in {@link ResponsesRequest#dropped()} and echoed as null
 * (https://platform.openai.com/docs/api-reference/responses/create#responses-create-reasoning).
 */
class ResponsesReasoningLeftOutTest {

    private static ResponsesRequest read(String text, boolean reasons) {
        return ResponsesRequestJson.read(Json.parseUpstream(text.replace('\'', '"'), "test"), reasons);
    }

    @Test
    void effortAndSummaryAreLeftOutAndNamed() {
        ResponsesRequest request = read("{'model':'m','input':'Hi','reasoning':{'effort':'high','summary':'auto'}}",
                false);
        assertFalse(request.chat().extensions().containsKey("reasoning_effort"));
        assertNull(request.reasoningSummary());
        assertEquals(List.of("reasoning.effort", "reasoning.summary"), request.dropped());
        assertTrue(request.echo().at("/reasoning/effort").isNull());
        assertTrue(request.echo().at("/reasoning/summary").isNull());
    }

    @Test
    void theOldNameOfSummaryIsNamedAsWritten() {
        ResponsesRequest request = read("{'model':'m','input':'Hi','reasoning':{'generate_summary':'concise'}}", false);
        assertEquals(List.of("reasoning.generate_summary"), request.dropped());
    }

    @Test
    void aModelThatMayReasonGetsThemAsBefore() {
        ResponsesRequest request = read("{'model':'m','input':'Hi','reasoning':{'effort':'low','summary':'auto'}}", true);
        assertEquals("low", request.chat().extensions().get("reasoning_effort").asText());
        assertEquals("auto", request.reasoningSummary());
        assertEquals(List.of(), request.dropped());
    }

    @Test
    void aBadValueIsStillRefusedByName() {
        assertEquals("reasoning.effort", assertThrows(GatewayException.BadRequest.class,
                () -> read("{'model':'m','input':'Hi','reasoning':{'effort':'extreme'}}", false)).param());
    }
}
