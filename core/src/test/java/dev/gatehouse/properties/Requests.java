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
import java.util.random.RandomGenerator;

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

    /**
     * Texts that break naive encoders, each tried on its own as well as inside random text:
     * the shortest text, a blank one, JSON's escapes, control characters, line and paragraph
     * separators, a byte-order mark, the replacement character, a no-break space (not
     * whitespace to Java), and characters of two to four bytes in UTF-8 (the emoji is a
     * surrogate pair in Java, outside the plane the random text draws from).
     */
    static final List<String> EDGE_TEXTS = List.of("a", " ", " \t\n ", "\"", "\\", "\n", "\r\n", "\u0001", "\u001f",
            "\u007f", "\u2028\u2029", "\ufeff", "\ufffd", "\u00a0", "é", "日本語", "😀", "a\"b\\c\nd", "</script>");

    /**
     * Text of any Unicode, including quotes, backslashes and newlines, never empty: one to 40
     * characters of the Basic Multilingual Plane, surrogates, noncharacters, private use and
     * NUL aside; one in five is one of {@link #EDGE_TEXTS}.
     */
    public static Gen<String> text() {
        Gen<String> random = Gen.strings(1, 40, Requests::anyCharacter);
        return r -> r.nextInt(5) == 0 ? Gen.<String>of(EDGE_TEXTS).next(r) : random.next(r);
    }

    private static Character anyCharacter(RandomGenerator random) {
        while (true) {
            // Half from ASCII, where JSON's escapes are, half from the whole plane.
            char c = random.nextBoolean() ? (char) random.nextInt(1, 0x80) : (char) random.nextInt(1, 0x10000);
            boolean surrogate = Character.isSurrogate(c);
            boolean noncharacter = (c >= '\ufdd0' && c <= '\ufdef') || c >= '\ufffe';
            boolean privateUse = c >= '\ue000' && c <= '\uf8ff';
            if (!surrogate && !noncharacter && !privateUse) {
                return c;
            }
        }
    }

    /** Tool names: one to 12 of {@code a}–{@code z} and {@code _}. */
    static Gen<String> names() {
        Gen<Character> letters = Gen.chars('a', 'z');
        Gen<Character> chars = r -> r.nextInt(27) == 0 ? '_' : letters.next(r);
        return Gen.strings(1, 12, chars);
    }

    static Gen<Message.User> userTurns() {
        Gen<ContentPart> part = Gen.oneOf(List.of(
                text().map(t -> (ContentPart) new ContentPart.Text(t)),
                Gen.of(List.of("low", "high")).orNull(0.5).map(d -> (ContentPart) new ContentPart.Image(PNG, d))));
        return Gen.oneOf(List.of(
                text().map(Message.User::of),
                part.list(1, 3)
                        .filter(parts -> parts.stream().anyMatch(p -> p instanceof ContentPart.Text))
                        .map(parts -> new Message.User(parts, null))));
    }

    /** One exchange: an assistant answer in text, or a round of tool calls and their results. */
    static Gen<List<Message>> assistantTurns(List<Tool> tools) {
        Gen<List<Message>> textAnswer = text().map(t -> List.of(Message.Assistant.of(t)));
        if (tools.isEmpty()) {
            return textAnswer;
        }
        Gen<List<Message>> toolRound = Gen.<Tool>of(tools).list(1, 3)
                .flatMap(chosen -> text().list(chosen.size(), chosen.size()).map(results -> {
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
        return Gen.oneOf(List.of(textAnswer, toolRound));
    }

    static Gen<List<Tool>> tools() {
        return names().set(3)
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
    public static Gen<ChatRequest> requests(String model) {
        return tools().flatMap(tools -> {
            Gen<List<Message>> exchange = random -> {
                List<Message> turns = new ArrayList<>();
                turns.add(userTurns().next(random));
                turns.addAll(assistantTurns(tools).next(random));
                return turns;
            };
            Gen<String> systems = Gen.of(List.of("", "Be brief.", "Answer in French.")).orNull(0.3);
            Gen<List<List<Message>>> exchanges = exchange.list(0, 3);
            Gen<List<Message>> conversation = random -> {
                String system = systems.next(random);
                List<Message> all = new ArrayList<>();
                if (system != null && !system.isEmpty()) {
                    all.add(new Message.System(system, null));
                }
                exchanges.next(random).forEach(all::addAll);
                all.add(userTurns().next(random));
                return all;
            };
            List<ToolChoice> choices = new ArrayList<>(List.of(new ToolChoice.Auto(), new ToolChoice.None(),
                    new ToolChoice.Required()));
            tools.forEach(t -> choices.add(new ToolChoice.Function(t.name())));
            Gen<ToolChoice> choice = tools.isEmpty() ? Gen.<ToolChoice>constant(null) : Gen.<ToolChoice>of(choices).orNull(0.3);
            Gen<ResponseFormat> format = Gen.<ResponseFormat>of(List.of(new ResponseFormat.Text(),
                    new ResponseFormat.JsonObject(), new ResponseFormat.JsonSchema("answer", null, SCHEMA, true)))
                    .orNull(0.6);
            Gen<Integer> maxTokens = Gen.between(1, 4096).orNull(0.4);
            Gen<Double> temperature = Gen.decimals(0, 1, 2).orNull(0.5);
            Gen<List<String>> stop = text().list(0, 3);
            return random -> ChatRequest.builder(model).messages(conversation.next(random)).tools(tools)
                    .toolChoice(choice.next(random)).responseFormat(format.next(random))
                    .maxTokens(maxTokens.next(random)).temperature(temperature.next(random))
                    .stop(stop.next(random)).build();
        });
    }
}
