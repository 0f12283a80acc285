package dev.gatehouse.server.conformance;

import static dev.gatehouse.server.conformance.ResponsesAssertions.assertResponseObject;
import static dev.gatehouse.server.conformance.ResponsesAssertions.assertSequenceNumbers;
import static dev.gatehouse.server.conformance.ResponsesAssertions.assertUsage;
import static dev.gatehouse.server.conformance.ResponsesAssertions.kinds;
import static dev.gatehouse.server.conformance.ResponsesAssertions.outputText;
import static dev.gatehouse.server.conformance.ResponsesGateway.MODEL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.conformance.ResponsesGateway.SpendRow;
import dev.gatehouse.server.conformance.ResponsesHttp.Exchange;
import dev.gatehouse.server.conformance.ResponsesUpstream.Tokens;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenAI's Responses API through Gatehouse's {@code /v1/responses}, the same scenarios for every
 * provider behind it: the client's side is checked against OpenAI's API reference
 * (https://platform.openai.com/docs/api-reference/responses), the upstream's side against the
 * provider's strict fake (what it received, in its own format). A provider's test class says
 * which upstream; nothing else differs.
 */
abstract class ResponsesConformanceSuite {

    /** A 1×1 transparent PNG. */
    private static final String PNG = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    private static final String WEATHER_TOOL = "{'type':'function','name':'get_weather','description':'Current weather',"
            + "'parameters':{'type':'object','properties':{'city':{'type':'string'}},'required':['city']}}";

    private ResponsesUpstream upstream;
    private ResponsesGateway gateway;
    private ResponsesHttp http;

    /** A new upstream of the provider under test. */
    abstract ResponsesUpstream newUpstream();

    @BeforeEach
    void start() {
        upstream = newUpstream();
        gateway = new ResponsesGateway(upstream.deployment(MODEL));
        http = new ResponsesHttp(gateway.port());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    // ---- answers ----

    @Test
    void text() {
        upstream.replyText("Hello there", new Tokens(12, 3));
        Exchange answer = http.post(gateway.ownerKey, """
                {'model':'agent','instructions':'Answer briefly.','input':'Hi'}""");
        assertEquals(200, answer.status(), answer.body());
        JsonNode response = answer.json();
        assertResponseObject(response, "completed");
        JsonNode message = only(response.path("output"));
        assertEquals("message", message.path("type").asText(), response.toString());
        assertEquals("assistant", message.path("role").asText());
        assertTrue(message.path("id").asText().startsWith("msg_"), message.toString());
        assertEquals("output_text", message.path("content").path(0).path("type").asText(), message.toString());
        assertEquals("Hello there", outputText(response));
        assertUsage(response.path("usage"), 12, 3);

        upstream.assertNoViolations();
        String sent = onlyRequest().bodyText();
        assertTrue(sent.contains("Hi") && sent.contains("Answer briefly."), "input and instructions upstream: " + sent);
        SpendRow row = onlyRow(answer);
        assertEquals("success", row.outcome());
        assertEquals(MODEL, row.model());
        assertEquals(12, row.prompt());
        assertEquals(3, row.completion());
        assertTrue(row.cost() != null && row.cost().compareTo(BigDecimal.ZERO) > 0, "priced: " + row);
    }

    @Test
    void imageInput() {
        upstream.replyText("A transparent pixel.", new Tokens(30, 4));
        Exchange answer = http.post(gateway.ownerKey, """
                {'model':'agent','input':[{'role':'user','content':[
                  {'type':'input_text','text':'What is in this image?'},
                  {'type':'input_image','image_url':'%s'}]}]}""".formatted(PNG));
        assertEquals(200, answer.status(), answer.body());
        assertEquals("A transparent pixel.", outputText(answer.json()));
        upstream.assertNoViolations();
        String sent = onlyRequest().bodyText();
        assertTrue(sent.contains("iVBORw0KGgo") && sent.contains("What is in this image?"), "image upstream: " + sent);
    }

    @Test
    void toolRoundTripWithFunctionCallOutput() {
        upstream.replyToolCall("get_weather", "{\"city\":\"Paris\"}", new Tokens(20, 5));
        Exchange first = http.post(gateway.ownerKey, """
                {'model':'agent','input':'Weather in Paris?','tools':[%s]}""".formatted(WEATHER_TOOL));
        assertEquals(200, first.status(), first.body());
        JsonNode call = only(first.json().path("output"));
        assertEquals("function_call", call.path("type").asText(), first.body());
        assertEquals("get_weather", call.path("name").asText());
        assertTrue(call.path("id").asText().startsWith("fc_"), call.toString());
        assertFalse(call.path("call_id").asText().isBlank(), "a call id: " + call);
        assertEquals(Json.parseUpstream("{\"city\":\"Paris\"}", "test"),
                Json.parseUpstream(call.path("arguments").asText(), "test"), "arguments are a JSON string");
        assertTrue(upstream.requests().getLast().bodyText().contains("get_weather"), "the tool went upstream");

        upstream.replyText("It is 18 degrees in Paris.", new Tokens(30, 8));
        Exchange second = http.post(gateway.ownerKey, """
                {'model':'agent','store':false,'tools':[%s],'input':[
                  {'role':'user','content':'Weather in Paris?'},
                  %s,
                  {'type':'function_call_output','call_id':'%s','output':'{\\'temp\\':18}'}]}"""
                .formatted(WEATHER_TOOL, call.toString().replace('"', '\''), call.path("call_id").asText()));
        assertEquals(200, second.status(), second.body());
        assertEquals("It is 18 degrees in Paris.", outputText(second.json()));
        upstream.assertNoViolations();
        String sent = upstream.requests().getLast().bodyText();
        assertTrue(sent.contains("temp") && sent.contains("18") && sent.contains("get_weather"),
                "the call and its output upstream: " + sent);
    }

    @Test
    void structuredOutput() {
        upstream.replyText("{\"answer\":42}", new Tokens(15, 5));
        Exchange answer = http.post(gateway.ownerKey, """
                {'model':'agent','input':'What is six times seven?','text':{'format':{'type':'json_schema',
                 'name':'answer','strict':true,'schema':{'type':'object','properties':{'answer':{'type':'integer'}},
                 'required':['answer'],'additionalProperties':false}}}}""");
        assertEquals(200, answer.status(), answer.body());
        JsonNode response = answer.json();
        assertEquals(Json.parseUpstream("{\"answer\":42}", "test"), Json.parseUpstream(outputText(response), "test"));
        assertEquals("json_schema", response.path("text").path("format").path("type").asText(),
                "the Response echoes its text format: " + response);
        upstream.assertNoViolations();
        JsonNode sent = onlyRequest().json();
        assertTrue(upstream.asksForJsonSchema(sent), "the schema went upstream: " + sent);
        assertTrue(sent.toString().contains("\"answer\""), sent.toString());
    }

    @Test
    void reasoning() {
        upstream.replyReasoningThenText("Six times seven is forty-two.", "42", new Tokens(20, 30));
        Exchange answer = http.post(gateway.ownerKey, """
                {'model':'agent','input':'What is six times seven?','max_output_tokens':8000,
                 'reasoning':{'effort':'high','summary':'auto'}}""");
        assertEquals(200, answer.status(), answer.body());
        JsonNode response = answer.json();
        assertEquals("high", response.path("reasoning").path("effort").asText(), "echoed: " + response);
        assertEquals("42", outputText(response));
        upstream.assertNoViolations();
        JsonNode sent = onlyRequest().json();
        assertTrue(upstream.asksForReasoning(sent), "the upstream was asked to reason: " + sent);
        if (upstream.returnsReasoning()) {
            JsonNode first = response.path("output").path(0);
            assertEquals("reasoning", first.path("type").asText(), "the reasoning item comes first: " + response);
            assertTrue(first.path("id").asText().startsWith("rs_"), first.toString());
            assertTrue(first.toString().contains("Six times seven is forty-two."), "its text: " + first);
            assertEquals("message", response.path("output").path(1).path("type").asText(), response.toString());
        }
    }

    // ---- streams (https://platform.openai.com/docs/api-reference/responses-streaming) ----

    @Test
    void streamedTextFollowsTheDocumentedEventSequence() {
        upstream.streamText(List.of("Hel", "lo", " there"), new Tokens(9, 3));
        Exchange answer = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi','stream':true}");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> events = answer.events();
        assertSequenceNumbers(events);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed"), kinds(events));
        StringBuilder deltas = new StringBuilder();
        String itemId = events.get(2).path("item").path("id").asText();
        for (JsonNode event : events) {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                deltas.append(event.path("delta").asText());
                assertEquals(itemId, event.path("item_id").asText(), "deltas name their item");
            }
        }
        assertEquals("Hello there", deltas.toString());
        JsonNode textDone = events.stream().filter(e -> e.path("type").asText().equals("response.output_text.done"))
                .findFirst().orElseThrow();
        assertEquals("Hello there", textDone.path("text").asText(), "output_text.done has the whole text");
        JsonNode created = events.getFirst().path("response");
        JsonNode completed = events.getLast().path("response");
        assertEquals("in_progress", created.path("status").asText());
        assertEquals(created.path("id").asText(), completed.path("id").asText(), "one response id");
        assertResponseObject(completed, "completed");
        assertEquals("Hello there", outputText(completed));
        assertUsage(completed.path("usage"), 9, 3);
        upstream.assertNoViolations();

        SpendRow row = onlyRow(answer);
        assertEquals("success", row.outcome());
        assertEquals(9, row.prompt());
        assertEquals(3, row.completion());
        Exchange stored = http.get(gateway.ownerKey, "/v1/responses/" + completed.path("id").asText());
        assertEquals(200, stored.status(), "a streamed response is stored too: " + stored.body());
        assertEquals("Hello there", outputText(stored.json()));
    }

    @Test
    void streamedToolCallFollowsTheDocumentedEventSequence() {
        upstream.streamToolCall("get_weather", "{\"city\":\"Paris\"}", new Tokens(20, 5));
        Exchange answer = http.post(gateway.ownerKey, """
                {'model':'agent','input':'Weather in Paris?','stream':true,'tools':[%s]}""".formatted(WEATHER_TOOL));
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> events = answer.events();
        assertSequenceNumbers(events);
        assertEquals(List.of("response.created", "response.in_progress", "response.output_item.added",
                "response.function_call_arguments.delta", "response.function_call_arguments.done",
                "response.output_item.done", "response.completed"), kinds(events));
        JsonNode added = events.get(2).path("item");
        assertEquals("function_call", added.path("type").asText(), added.toString());
        assertEquals("get_weather", added.path("name").asText());
        StringBuilder arguments = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.function_call_arguments.delta"))
                .forEach(e -> arguments.append(e.path("delta").asText()));
        JsonNode expected = Json.parseUpstream("{\"city\":\"Paris\"}", "test");
        assertEquals(expected, Json.parseUpstream(arguments.toString(), "test"));
        JsonNode done = events.get(events.size() - 2).path("item");
        assertEquals(expected, Json.parseUpstream(done.path("arguments").asText(), "test"));
        assertEquals(added.path("call_id").asText(), done.path("call_id").asText());
        JsonNode call = only(events.getLast().path("response").path("output"));
        assertEquals("function_call", call.path("type").asText());
        upstream.assertNoViolations();
    }

    @Test
    void aFailureMidStreamEndsTheStreamAsFailed() {
        upstream.streamTextThenError(List.of("Hel"));
        Exchange answer = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi','stream':true}");
        assertEquals(200, answer.status(), answer.body());
        List<JsonNode> events = answer.events();
        assertSequenceNumbers(events);
        List<String> kinds = kinds(events);
        assertEquals("response.created", kinds.getFirst());
        assertTrue(kinds.contains("response.output_text.delta"), "what came before the failure: " + kinds);
        assertFalse(kinds.contains("response.completed"), kinds.toString());
        String last = kinds.getLast();
        assertTrue(last.equals("response.failed") || last.equals("error"), "ends failed: " + kinds);
        if (last.equals("response.failed")) {
            JsonNode failed = events.getLast().path("response");
            assertEquals("failed", failed.path("status").asText());
            assertTrue(failed.path("error").path("message").isTextual(), failed.toString());
        }
        assertEquals("upstream_error", onlyRow(answer).outcome(), "the spend row says the upstream failed");
    }

    // ---- stored responses ----

    @Test
    void previousResponseIdCarriesTheConversation() {
        upstream.replyText("Paris.", new Tokens(10, 2));
        Exchange first = http.post(gateway.ownerKey, "{'model':'agent','input':'Name a city in France.'}");
        assertEquals(200, first.status(), first.body());
        String firstId = first.json().path("id").asText();

        upstream.replyText("About two million.", new Tokens(20, 4));
        // A key of the same team continues the conversation: the owner of a response is the team.
        Exchange second = http.post(gateway.teammateKey, """
                {'model':'agent','previous_response_id':'%s','input':'And its population?'}""".formatted(firstId));
        assertEquals(200, second.status(), second.body());
        assertEquals(firstId, second.json().path("previous_response_id").asText(), "echoed: " + second.body());
        assertEquals("About two million.", outputText(second.json()));
        upstream.assertNoViolations();

        JsonNode sent = upstream.requests().getLast().json();
        String text = sent.toString();
        boolean history = text.contains("Name a city in France.") && text.contains("Paris.");
        boolean chainedUpstream = upstream.nativeResponses() && sent.path("previous_response_id").isTextual();
        assertTrue(history || chainedUpstream, "the second turn sees the first upstream: " + text);
        assertTrue(text.contains("And its population?"), text);

        Exchange items = http.get(gateway.ownerKey, "/v1/responses/" + second.json().path("id").asText()
                + "/input_items?order=asc");
        assertEquals(200, items.status(), items.body());
        assertEquals("list", items.json().path("object").asText(), items.body());
        assertTrue(items.body().contains("And its population?"), items.body());
    }

    /**
     * The agent loop of the Agents SDK: the tool's output is sent with {@code previous_response_id}
     * alone, so the upstream must get the stored call and its output paired as it requires.
     */
    @Test
    void aToolOutputContinuesTheStoredCall() {
        upstream.replyToolCall("get_weather", "{\"city\":\"Paris\"}", new Tokens(20, 5));
        Exchange first = http.post(gateway.ownerKey, """
                {'model':'agent','input':'Weather in Paris?','tools':[%s]}""".formatted(WEATHER_TOOL));
        assertEquals(200, first.status(), first.body());
        JsonNode call = only(first.json().path("output"));

        upstream.replyText("It is 18 degrees in Paris.", new Tokens(30, 8));
        Exchange second = http.post(gateway.ownerKey, """
                {'model':'agent','previous_response_id':'%s','tools':[%s],'input':[
                  {'type':'function_call_output','call_id':'%s','output':'{\\'temp\\':18}'}]}"""
                .formatted(first.json().path("id").asText(), WEATHER_TOOL, call.path("call_id").asText()));
        assertEquals(200, second.status(), second.body());
        assertEquals("It is 18 degrees in Paris.", outputText(second.json()));
        upstream.assertNoViolations();
        String sent = upstream.requests().getLast().bodyText();
        assertTrue(upstream.nativeResponses() || sent.contains("Weather in Paris?") && sent.contains("get_weather")
                && sent.contains("temp"), "the question, the call and its output upstream: " + sent);
    }

    @Test
    void aResponseNotStoredCanNotBeReadOrContinued() {
        upstream.replyText("Hello there", new Tokens(12, 3));
        Exchange created = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi','store':false}");
        assertEquals(200, created.status(), created.body());
        String id = created.json().path("id").asText();
        http.get(gateway.ownerKey, "/v1/responses/" + id).error(404);
        Exchange unknown = http.post(gateway.ownerKey, """
                {'model':'agent','previous_response_id':'resp_doesnotexist0000','input':'Go on.'}""");
        Exchange continued = http.post(gateway.ownerKey, """
                {'model':'agent','previous_response_id':'%s','input':'Go on.'}""".formatted(id));
        assertEquals(unknown.status(), continued.status(), continued.body());
        assertTrue(continued.status() == 400 || continued.status() == 404, continued.body());
        assertEquals(1, upstream.requests().size(), "nothing more reached the upstream");
    }

    @Test
    void aStoredResponseCanBeReadListedAndDeletedByItsOwner() {
        upstream.replyText("Hello there", new Tokens(12, 3));
        Exchange created = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi there, gateway'}");
        assertEquals(200, created.status(), created.body());
        String id = created.json().path("id").asText();

        Exchange read = http.get(gateway.ownerKey, "/v1/responses/" + id);
        assertEquals(200, read.status(), read.body());
        assertEquals(id, read.json().path("id").asText());
        assertEquals("Hello there", outputText(read.json()));

        Exchange items = http.get(gateway.ownerKey, "/v1/responses/" + id + "/input_items?order=asc");
        assertEquals(200, items.status(), items.body());
        JsonNode list = items.json();
        assertEquals("list", list.path("object").asText(), items.body());
        JsonNode item = list.path("data").path(0);
        assertEquals("user", item.path("role").asText(), items.body());
        assertTrue(item.toString().contains("Hi there, gateway"), items.body());
        assertTrue(list.has("has_more") && list.has("first_id") && list.has("last_id"), items.body());

        Exchange deleted = http.delete(gateway.ownerKey, "/v1/responses/" + id);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(id, deleted.json().path("id").asText());
        // The reference's example says "response", its schema "response.deleted"; either is OpenAI's.
        String object = deleted.json().path("object").asText();
        assertTrue(object.equals("response") || object.equals("response.deleted"), deleted.body());
        assertTrue(deleted.json().path("deleted").asBoolean(), deleted.body());
        http.get(gateway.ownerKey, "/v1/responses/" + id).error(404);
        assertEquals(1, upstream.requests().size(), "reading the store never calls the upstream");
    }

    @Test
    void anotherTeamSeesNothing() {
        upstream.replyText("Team A's secret plan", new Tokens(12, 3));
        Exchange created = http.post(gateway.ownerKey, "{'model':'agent','input':'Our plan?'}");
        assertEquals(200, created.status(), created.body());
        String id = created.json().path("id").asText();
        String other = gateway.otherTeamKey;

        http.get(other, "/v1/responses/" + id).error(404);
        http.get(other, "/v1/responses/" + id + "/input_items").error(404);
        http.delete(other, "/v1/responses/" + id).error(404);
        assertEquals(200, http.get(gateway.ownerKey, "/v1/responses/" + id).status(), "still there for its owner");

        Exchange unknown = http.post(other, """
                {'model':'agent','previous_response_id':'resp_doesnotexist0000','input':'Go on.'}""");
        Exchange foreign = http.post(other, """
                {'model':'agent','previous_response_id':'%s','input':'Go on.'}""".formatted(id));
        assertTrue(foreign.status() == 400 || foreign.status() == 404, foreign.body());
        JsonNode error = foreign.error(foreign.status());
        assertEquals(unknown.status(), foreign.status(), "another team's id is answered as an unknown id");
        assertEquals(unknown.json().path("error").path("code"), error.path("code"));
        assertEquals(unknown.json().path("error").path("param"), error.path("param"));
        assertFalse(foreign.body().contains("secret plan"), foreign.body());
        assertEquals(1, upstream.requests().size(), "nothing of the foreign chain reached the upstream");
    }

    // ---- errors ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'input':'Hi'}                                              | model",
        "{'model':'agent','input':'Hi','temperature':7}              | temperature",
        "{'model':'agent','input':42}                                | input",
        "{'model':'agent','input':'Hi','frobnicate':true}            | frobnicate",
        "{'model':'agent','input':'Hi','text':{'format':{'type':'yaml'}}} | text.format"})
    void badInputIsA400NamingTheParam(String body, String param) {
        Exchange refused = http.post(gateway.ownerKey, body);
        JsonNode error = refused.error(400);
        assertEquals("invalid_request_error", error.path("type").asText(), refused.body());
        assertTrue(error.path("param").asText().startsWith(param), "param " + param + ": " + refused.body());
        SpendRow row = onlyRow(refused);
        assertEquals(400, row.status());
        if (upstream.requests().isEmpty()) {
            assertEquals("refused", row.outcome());
        } else {
            // The body as written: Gatehouse checks the fields it acts on and leaves the rest to
            // OpenAI, whose own refusal (the strict fake's, naming the param) the caller gets.
            assertTrue(upstream.nativeResponses(), "a translated request is refused before any upstream");
            assertFalse(param.equals("model") || param.equals("input"), "Gatehouse reads " + param + " itself");
        }
    }

    @Test
    void anUnknownModelIsA404() {
        Exchange refused = http.post(gateway.ownerKey, "{'model':'nope','input':'Hi'}");
        JsonNode error = refused.error(404);
        assertTrue(error.path("message").asText().contains("nope"), refused.body());
        assertTrue(upstream.requests().isEmpty(), "nothing reached the upstream");
    }

    @Test
    void aKeyNotAllowedTheModelIsA403() {
        Exchange refused = http.post(gateway.notAllowedKey, "{'model':'agent','input':'Hi'}");
        JsonNode error = refused.error(403);
        assertEquals("model_not_allowed", error.path("code").asText(), refused.body());
        assertEquals("model", error.path("param").asText(), refused.body());
        assertTrue(upstream.requests().isEmpty(), "nothing reached the upstream");
    }

    @ParameterizedTest
    @CsvSource({"RATE_LIMITED, 429", "SERVER_ERROR, 500", "OVERLOADED, 503"})
    void upstreamFailuresKeepTheirKind(ErrorKind kind, int status) {
        upstream.replyError(kind);
        Exchange failed = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi'}");
        failed.error(status);
        if (kind == ErrorKind.RATE_LIMITED) {
            assertEquals("7", failed.response().headers().firstValue("retry-after").orElse(null), "the retry hint");
        }
        assertEquals(1, upstream.requests().size());
        assertEquals("upstream_error", onlyRow(failed).outcome());
    }

    @Test
    void anUpstreamThatNeverAnswersIsAGatewayTimeout() {
        upstream.hang();
        Exchange failed = http.post(gateway.ownerKey, "{'model':'agent','input':'Hi'}");
        JsonNode error = failed.error(504);
        assertEquals("upstream_timeout", error.path("code").asText(), failed.body());
        assertEquals("upstream_error", onlyRow(failed).outcome());
    }

    // ---- helpers ----

    private RecordedRequest onlyRequest() {
        List<RecordedRequest> requests = upstream.requests();
        assertEquals(1, requests.size(), "one upstream request");
        return requests.getFirst();
    }

    private SpendRow onlyRow(Exchange exchange) {
        List<SpendRow> rows = gateway.spendRows(exchange.requestId());
        assertEquals(1, rows.size(), "one spend row per response: " + rows);
        return rows.getFirst();
    }

    private static JsonNode only(JsonNode array) {
        assertEquals(1, array.size(), "one item: " + array);
        return array.get(0);
    }
}
