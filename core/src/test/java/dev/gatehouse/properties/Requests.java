package dev.gatehouse.properties;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid chat requests for property tests: well-formed conversations (a user turn
 * first, tool results right after the assistant turn that asked for them), with optional
 * tools, tool choice, response format and sampling parameters.
 */
public final class Requests {

    private static final JsonNode SCHEMA = Json.parseUpstream(
            "{\"type\":\"object\",\"properties\":{\"q\":{\"type\":\"string\"}},\"required\":[\"q\"]}", "test");
    private static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

    private Requests() {}

    /** Text of any Unicode, including quotes, backslashes and newlines, never empty. */
    public static Arbitrary<String> text() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(40).excludeChars('\u0000');
    }

    static Arbitrary<String> names() {
        return Arbitraries.strings().withCharRange('a', 'z').withChars('_').ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<Message.User> userTurns() {
        Arbitrary<ContentPart> part = Arbitraries.oneOf(
                text().map(t -> (ContentPart) new ContentPart.Text(t)),
                Arbitraries.of("low", "high").injectNull(0.5).map(d -> (ContentPart) new ContentPart.Image(PNG, d)));
        return Arbitraries.oneOf(
                text().map(Message.User::of),
                part.list().ofMinSize(1).ofMaxSize(3)
                        .filter(parts -> parts.stream().anyMatch(p -> p instanceof ContentPart.Text))
                        .map(parts -> new Message.User(parts, null)));
    }

    /** One exchange: an assistant answer in text, or a round of tool calls and their results. */
    static Arbitrary<List<Message>> assistantTurns(List<Tool> tools) {
        Arbitrary<List<Message>> textAnswer = text().map(t -> List.of(Message.Assistant.of(t)));
        if (tools.isEmpty()) {
            return textAnswer;
        }
        Arbitrary<List<Message>> toolRound = Arbitraries.of(tools).list().ofMinSize(1).ofMaxSize(3)
                .flatMap(chosen -> text().list().ofSize(chosen.size()).map(results -> {
                    List<ToolCall> calls = new ArrayList<>();
                    List<Message> turn = new ArrayList<>();
                    for (int i = 0; i < chosen.size(); i++) {
                        calls.add(new ToolCall("call_" + i, chosen.get(i).name(),
                                Json.text(Json.object().put("q", results.get(i)))));
                    }
                    turn.add(new Message.Assistant(null, calls, null, null, null));
                    for (int i = 0; i < calls.size(); i++) {
                        turn.add(new Message.Tool(calls.get(i).id(), results.get(i)));
                    }
                    return turn;
                }));
        return Arbitraries.oneOf(textAnswer, toolRound);
    }

    static Arbitrary<List<Tool>> tools() {
        return names().set().ofMaxSize(3)
                .map(set -> set.stream().map(n -> new Tool(n, "does " + n, SCHEMA, null)).toList());
    }

    /** Whether every text in the request has a character besides whitespace. */
    public static boolean allTextVisible(ChatRequest request) {
        for (Message message : request.messages()) {
            List<String> texts = switch (message) {
                case Message.System m -> List.of(m.content());
                case Message.Developer m -> List.of(m.content());
                case Message.User m -> m.content().stream()
                        .map(p -> p instanceof ContentPart.Text t ? t.text() : "x").toList();
                case Message.Assistant m -> m.content() == null ? List.of() : List.of(m.content());
                case Message.Tool m -> List.of(m.content());
            };
            if (texts.stream().anyMatch(String::isBlank)) {
                return false;
            }
        }
        return true;
    }

    /** A whole valid request for the model {@code model}. */
    public static Arbitrary<ChatRequest> requests(String model) {
        return tools().flatMap(tools -> {
            Arbitrary<List<Message>> exchange = Combinators.combine(userTurns(), assistantTurns(tools))
                    .as((user, answer) -> {
                        List<Message> turns = new ArrayList<>();
                        turns.add(user);
                        turns.addAll(answer);
                        return turns;
                    });
            Arbitrary<List<Message>> conversation = Combinators.combine(
                    Arbitraries.of("", "Be brief.", "Answer in French.").injectNull(0.3),
                    exchange.list().ofMinSize(0).ofMaxSize(3), userTurns())
                    .as((system, exchanges, last) -> {
                        List<Message> all = new ArrayList<>();
                        if (system != null && !system.isEmpty()) {
                            all.add(new Message.System(system, null));
                        }
                        exchanges.forEach(all::addAll);
                        all.add(last);
                        return all;
                    });
            List<ToolChoice> choices = new ArrayList<>(List.of(new ToolChoice.Auto(), new ToolChoice.None(),
                    new ToolChoice.Required()));
            tools.forEach(t -> choices.add(new ToolChoice.Function(t.name())));
            Arbitrary<ToolChoice> choice = tools.isEmpty() ? Arbitraries.just((ToolChoice) null)
                    : Arbitraries.of(choices).injectNull(0.3);
            Arbitrary<ResponseFormat> format = Arbitraries.<ResponseFormat>of(new ResponseFormat.Text(),
                    new ResponseFormat.JsonObject(), new ResponseFormat.JsonSchema("answer", null, SCHEMA, true))
                    .injectNull(0.6);
            return Combinators.combine(conversation, choice, format,
                    Arbitraries.integers().between(1, 4096).injectNull(0.4),
                    Arbitraries.doubles().between(0, 1).ofScale(2).injectNull(0.5),
                    text().list().ofMaxSize(3))
                    .as((messages, toolChoice, responseFormat, maxTokens, temperature, stop) ->
                            ChatRequest.builder(model).messages(messages).tools(tools).toolChoice(toolChoice)
                                    .responseFormat(responseFormat).maxTokens(maxTokens).temperature(temperature)
                                    .stop(stop).build());
        });
    }
}
