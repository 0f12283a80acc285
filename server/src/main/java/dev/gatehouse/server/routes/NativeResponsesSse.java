package dev.gatehouse.server.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ServerSentEvent;
import dev.gatehouse.api.Usage;
import dev.gatehouse.api.wire.ErrorJson;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.http.SseEncoder;
import dev.gatehouse.server.http.SseOut;
import dev.gatehouse.server.http.StreamTexts;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.telemetry.GenAiFacts;
import java.io.IOException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * OpenAI's own Responses stream, relayed as the upstream wrote it. The event that ends it
 * ({@code response.completed}, {@code response.incomplete} or {@code response.failed}) carries
 * the final Response: its usage goes to the spend ticket, and a completed or incomplete one is
 * kept when the request said {@code store}, before the caller reads that event. Should no usage
 * come, the text of the deltas is counted instead. A failure after the start is an {@code error}
 * event, as the Responses API sends one. The upstream's own {@code response.failed} or
 * {@code error} is relayed as written and makes the spend row an upstream error.
 */
final class NativeResponsesSse implements SseEncoder<ServerSentEvent> {

    private static final String TEXT_DELTA = "response.output_text.delta";
    private static final String SEQUENCE = "\"sequence_number\":";
    private static final Set<String> FINAL = Set.of("response.completed", "response.incomplete", "response.failed");
    /** The events that carry the Response object. */
    private static final Set<String> WITH_RESPONSE = Set.of("response.created", "response.in_progress",
            "response.queued", "response.completed", "response.incomplete", "response.failed");

    private final SpendTicket ticket;
    private final GenAiFacts facts;
    private final Consumer<ObjectNode> keep;
    private final String previousResponseId;
    /** The text deltas, should no usage come. */
    private final StreamedDeltas deltas = new StreamedDeltas("the Responses API",
            (event, text) -> text.append(event.path("delta").asText("")));
    private Usage usage;
    private int relayed;
    private boolean failed;
    /** The upstream's last {@code sequence_number}, and how far later ones move up for events added before them. */
    private long lastNumber = -1;
    private long added;

    NativeResponsesSse(SpendTicket ticket, GenAiFacts facts, Consumer<ObjectNode> keep, String previousResponseId) {
        this.ticket = ticket;
        this.facts = facts;
        this.keep = keep;
        this.previousResponseId = previousResponseId;
    }

    /**
     * Puts the caller's {@code previous_response_id} back in a Response: Gatehouse sent the
     * conversation instead, so the upstream's Response says none, yet the caller asked with one
     * and the Response object echoes it (https://platform.openai.com/docs/api-reference/responses/object).
     */
    static void echoPrevious(ObjectNode response, String previousResponseId) {
        if (previousResponseId != null) {
            response.put("previous_response_id", previousResponseId);
        }
    }

    @Override
    public void event(ServerSentEvent event, SseOut out) throws IOException {
        String name = event.name() == null ? "" : event.name();
        // An upstream may send events without event lines: then only the data's type says what it is.
        String data = event.data();
        boolean echo = previousResponseId != null && (name.isEmpty() || WITH_RESPONSE.contains(name));
        if (name.equals(TEXT_DELTA)) {
            deltas.add(data); // read only if its text must be counted
        } else if (echo || name.isEmpty() || FINAL.contains(name) || name.equals("error")) {
            JsonNode parsed = Json.parseUpstream(data, "the Responses API");
            String type = parsed.path("type").asText(name);
            failed |= type.equals("response.failed") || type.equals("error");
            if (parsed.get("response") instanceof ObjectNode response && WITH_RESPONSE.contains(type)
                    && previousResponseId != null) {
                echoPrevious(response, previousResponseId);
                data = Json.text(parsed);
            }
            if (FINAL.contains(type) && parsed.get("response") instanceof ObjectNode response) {
                usage = ResponsesUsage.of(response.get("usage"));
                GenAi.responsesObject(facts, response);
                facts.completion(() -> GenAi.responsesText(response));
                keep.accept(response);
            } else if (type.equals(TEXT_DELTA)) {
                deltas.add(data);
            }
        }
        relayed++;
        out.eventLines(name.isEmpty() ? null : name, renumbered(data));
    }

    /**
     * {@code data} with its {@code sequence_number} moved up past the events added before it. The
     * guardrails' stream window may send held-back text in a delta of its own, made like the one
     * before it and so carrying its number again; OpenAI numbers every event one more than the
     * last (https://platform.openai.com/docs/api-reference/responses-streaming), so a number that
     * does not rise marks an added event and every later one moves up by one. Read as text, not
     * parsed: escaped quotes can not make {@code "sequence_number":} inside a string value.
     */
    private String renumbered(String data) {
        int key = data.indexOf(SEQUENCE);
        if (key < 0) {
            return data;
        }
        int start = key + SEQUENCE.length();
        while (start < data.length() && data.charAt(start) == ' ') {
            start++;
        }
        int end = start;
        while (end < data.length() && end - start < 18 && Character.isDigit(data.charAt(end))) {
            end++;
        }
        if (end == start) {
            return data;
        }
        long number = Long.parseLong(data, start, end, 10);
        if (number <= lastNumber) {
            added++;
        }
        lastNumber = number;
        return added == 0 ? data : data.substring(0, start) + (number + added) + data.substring(end);
    }

    /** The upstream ended its stream with {@code response.failed} or an {@code error} event. */
    @Override
    public boolean reportedFailure() {
        return failed;
    }

    @Override
    public void end(SseOut out) {
        // The upstream's stream ends with its own final event, relayed like any other.
    }

    @Override
    public void unsent(ServerSentEvent event) {
        deltas.add(event.data());
    }

    @Override
    public StreamTexts<ServerSentEvent> texts() {
        return ResponsesTexts.INSTANCE;
    }

    @Override
    public void fail(GatewayException failure, String requestId, SseOut out) throws IOException {
        ObjectNode error = Json.object().put("type", "error");
        JsonNode body = ErrorJson.write(failure).path("error");
        error.set("code", body.path("code").isMissingNode() ? error.nullNode() : body.get("code"));
        error.set("message", body.get("message"));
        error.set("param", body.path("param").isMissingNode() ? error.nullNode() : body.get("param"));
        error.put("sequence_number", lastNumber < 0 ? relayed : lastNumber + added + 1);
        out.event("error", Json.bytes(error));
    }

    @Override
    public void closed() {
        if (usage != null) {
            ticket.usage(usage);
        } else {
            ticket.generated(deltas::text);
        }
    }
}
