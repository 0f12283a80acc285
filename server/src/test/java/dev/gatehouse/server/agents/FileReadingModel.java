package dev.gatehouse.server.agents;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.testkit.FakeProvider;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.anthropic.FakeAnthropic;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import dev.gatehouse.testkit.openai.FakeResponses;
import dev.gatehouse.testkit.ScriptableFake.FakeToolCall;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake upstream playing the model of a one-tool task: "read the file and tell me the word in
 * it". Every request is answered from what it holds, in the upstream's own format (OpenAI's Chat
 * Completions, OpenAI's Responses API or Anthropic's Messages, whichever the fake is asked in):
 * while no tool output is in the conversation, it calls the agent's own tool that reads a file
 * (found in the request's tool list: Claude Code's {@code Read}, Codex's {@code exec_command}
 * running {@code cat}), after a signed thinking block when Anthropic's thinking is on; once a
 * tool's output is there, it answers with the word that output contains. The word is never told
 * to the fake, so an agent that prints it proves the whole round trip: the tool list reached the
 * upstream, the tool call reached the agent, the agent ran it, and its output came back through
 * the gateway.
 */
final class FileReadingModel {

    /** The sentence the file holds; the word is what follows it. */
    static final String SENTENCE = "The secret word is ";
    private static final Pattern WORD = Pattern.compile(Pattern.quote(SENTENCE) + "([A-Z0-9]+)");
    static final FakeUsage CALL_USAGE = new FakeUsage(1_200, 30);
    static final FakeUsage ANSWER_USAGE = new FakeUsage(1_300, 12);

    private FileReadingModel() {}

    /** Makes {@code fake} answer every request as the model of the task, reading {@code file}. */
    static <F extends FakeProvider & ScriptableFake> void play(F fake, Path file) {
        fake.otherwiseFor(request -> answer(fake, request, file));
    }

    private static void answer(ScriptableFake fake, RecordedRequest request, Path file) {
        JsonNode body = request.json();
        boolean stream = body.path("stream").asBoolean(false);
        List<String> outputs = toolOutputs(body);
        if (outputs.isEmpty()) {
            Optional<FakeToolCall> call = readCall(toolNames(body), file);
            if (call.isPresent()) {
                if (fake instanceof FakeAnthropic anthropic && thinkingOn(body)) {
                    // As Claude answers with thinking on: a signed thinking block before the call, which
                    // the agent must send back unchanged with the tool's result (the fake checks it).
                    List<String> thinking = List.of("The user wants a word from a file: read it first.");
                    if (stream) {
                        anthropic.streamThinkingThenToolCalls(thinking, false, List.of(call.get()), CALL_USAGE);
                    } else {
                        anthropic.replyThinkingThenToolCalls(thinking, false, List.of(call.get()), CALL_USAGE);
                    }
                } else if (stream) {
                    fake.streamToolCalls(List.of(call.get()), CALL_USAGE);
                } else {
                    fake.replyToolCalls(List.of(call.get()), CALL_USAGE);
                }
                return;
            }
            text(fake, stream, "No tool to read a file with among " + toolNames(body));
            return;
        }
        text(fake, stream, answerFrom(outputs));
    }

    /** The answer once the tool has run: the word its output holds. */
    private static String answerFrom(List<String> outputs) {
        Matcher word = WORD.matcher(String.join("\n", outputs));
        return word.find() ? "The word is " + word.group(1) + "." : "The tool's output holds no word: " + outputs;
    }

    /**
     * Makes an OpenAI fake play the model on OpenAI's Responses API, as a deployment that takes
     * Codex's requests as written gets them: the tool outputs are the input's
     * {@code function_call_output} items, the call a {@code function_call} item.
     */
    static void playResponses(FakeOpenAi fake, Path file) {
        fake.otherwiseFor(request -> answerResponses(fake.responses(), request, file));
    }

    private static void answerResponses(FakeResponses responses, RecordedRequest request, Path file) {
        JsonNode body = request.json();
        List<String> outputs = new ArrayList<>();
        for (JsonNode item : body.path("input")) {
            if (item.path("type").asText().equals("function_call_output")) {
                outputs.add(text(item.path("output")));
            }
        }
        FakeResponses.Item item;
        FakeUsage usage;
        if (outputs.isEmpty()) {
            item = readCall(toolNames(body), file)
                    .<FakeResponses.Item>map(call -> new FakeResponses.FunctionCall("call_read", call.name(),
                            call.argumentsJson()))
                    .orElse(new FakeResponses.Text("No tool to read a file with among " + toolNames(body)));
            usage = CALL_USAGE;
        } else {
            item = new FakeResponses.Text(answerFrom(outputs));
            usage = ANSWER_USAGE;
        }
        FakeResponses.Usage tokens = new FakeResponses.Usage(usage.promptTokens(), usage.completionTokens(), 0);
        if (body.path("stream").asBoolean(false)) {
            responses.stream(tokens, item);
        } else {
            responses.reply(tokens, item);
        }
    }

    /** Anthropic's {@code thinking} asked for: {@code enabled} or {@code adaptive}. */
    private static boolean thinkingOn(JsonNode body) {
        String type = body.path("thinking").path("type").asText("");
        return type.equals("enabled") || type.equals("adaptive");
    }

    private static void text(ScriptableFake fake, boolean stream, String text) {
        if (stream) {
            fake.streamText(List.of(text.substring(0, text.length() / 2), text.substring(text.length() / 2)),
                    ANSWER_USAGE);
        } else {
            fake.replyText(text, ANSWER_USAGE);
        }
    }

    /** The call of whichever file-reading tool the agent offers, with that tool's own arguments. */
    private static Optional<FakeToolCall> readCall(List<String> tools, Path file) {
        String path = file.toAbsolutePath().toString();
        if (tools.contains("Read")) {
            return Optional.of(new FakeToolCall("Read", Json.object().put("file_path", path).toString()));
        }
        if (tools.contains("exec_command")) {
            return Optional.of(new FakeToolCall("exec_command", Json.object().put("cmd", "cat " + path).toString()));
        }
        if (tools.contains("Bash")) {
            return Optional.of(new FakeToolCall("Bash", Json.object().put("command", "cat " + path).toString()));
        }
        return Optional.empty();
    }

    /** The names of the tools offered: OpenAI's {@code tools[].function.name} or Anthropic's {@code tools[].name}. */
    static List<String> toolNames(JsonNode body) {
        List<String> names = new ArrayList<>();
        for (JsonNode tool : body.path("tools")) {
            String name = tool.path("function").path("name").asText(tool.path("name").asText(""));
            if (!name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * The tool outputs in the conversation: OpenAI's {@code tool} messages, Anthropic's
     * {@code tool_result} blocks; their content a string or a list of text parts.
     */
    static List<String> toolOutputs(JsonNode body) {
        List<String> outputs = new ArrayList<>();
        for (JsonNode message : body.path("messages")) {
            if (message.path("role").asText().equals("tool")) {
                outputs.add(text(message.path("content")));
            }
            for (JsonNode block : message.path("content")) {
                if (block.path("type").asText().equals("tool_result")) {
                    outputs.add(text(block.path("content")));
                }
            }
        }
        return outputs;
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
