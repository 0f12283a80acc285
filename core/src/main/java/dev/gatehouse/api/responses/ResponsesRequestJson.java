package dev.gatehouse.api.responses;

import static dev.gatehouse.api.responses.Read.notSupported;
import static dev.gatehouse.api.responses.Read.onlyFields;
import static dev.gatehouse.api.wire.Fields.invalid;
import static dev.gatehouse.api.wire.Fields.present;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.wire.Fields;
import dev.gatehouse.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of OpenAI's {@code POST /v1/responses} → a {@link ResponsesRequest}
 * (https://platform.openai.com/docs/api-reference/responses/create). Every documented field is
 * mapped to the canonical request, echoed, dropped (listed in {@link ResponsesRequest#dropped()})
 * or refused by name; an unknown field is a 400, as OpenAI answers one.
 *
 * <table>
 *   <caption>What maps to what</caption>
 *   <tr><td>instructions, input</td><td>a system message, then the items as messages ({@link ResponsesInputJson});
 *       a reasoning item's encrypted_content of Gatehouse's own, the turn's reasoning signature ({@link EncryptedReasoning})</td></tr>
 *   <tr><td>include reasoning.encrypted_content</td><td>reasoning signatures written back as encrypted_content</td></tr>
 *   <tr><td>tools (function), tool_choice, parallel_tool_calls</td><td>tools, tool_choice, parallel_tool_calls</td></tr>
 *   <tr><td>text.format</td><td>response_format</td></tr>
 *   <tr><td>text.verbosity low or high</td><td>the extension {@code verbosity} (Chat Completions' name)</td></tr>
 *   <tr><td>reasoning.effort</td><td>the extension {@code reasoning_effort}; dropped, with reasoning.summary, for
 *       a model whose deployments say it does not reason ({@link #read(JsonNode, boolean)})</td></tr>
 *   <tr><td>max_output_tokens, temperature, top_p, user</td><td>max_completion_tokens, temperature, top_p, user</td></tr>
 *   <tr><td>stream</td><td>stream, with usage</td></tr>
 *   <tr><td>prompt_cache_key, prompt_cache_retention, safety_identifier, service_tier,
 *       stream_options.include_obfuscation, client_metadata (Codex's telemetry ids)</td><td>dropped: they steer OpenAI's own platform</td></tr>
 *   <tr><td>background true, conversation, prompt, truncation auto, top_logprobs, include of log
 *       probabilities</td><td>refused by name</td></tr>
 * </table>
 */
public final class ResponsesRequestJson {

    private static final Set<String> FIELDS = Set.of("model", "input", "instructions", "tools", "tool_choice",
            "parallel_tool_calls", "text", "reasoning", "max_output_tokens", "max_tool_calls", "temperature", "top_p",
            "top_logprobs", "metadata", "store", "previous_response_id", "conversation", "include", "truncation",
            "user", "safety_identifier", "prompt_cache_key", "prompt_cache_retention", "service_tier", "background",
            "prompt", "stream", "stream_options", "client_metadata");
    /** include values: encrypted reasoning is returned when a provider signs its reasoning; the rest name built-in tools' output. */
    private static final Set<String> INCLUDES = Set.of("reasoning.encrypted_content", "message.input_image.image_url",
            "web_search_call.action.sources", "web_search_call.results", "file_search_call.results",
            "code_interpreter_call.outputs", "computer_call_output.output.image_url", "message.output_text.logprobs");
    private static final Set<String> EFFORTS = Set.of("none", "minimal", "low", "medium", "high", "xhigh");

    private ResponsesRequestJson() {}

    /** A request for a model that reasons, or may: {@code reasoning} is read and sent. */
    public static ResponsesRequest read(JsonNode body) {
        return read(body, true);
    }

    /**
     * A request for a model that reasons or may ({@code reasons} true), or one whose deployments say
     * it does not ({@code reasons} false): then {@code reasoning.effort} and {@code reasoning.summary}
     * are checked but not sent, and named in {@link ResponsesRequest#dropped()}, since such a model
     * refuses an effort and has no reasoning text to summarize (docs/agents.md).
     */
    public static ResponsesRequest read(JsonNode body, boolean reasons) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.BadRequest("The request body must be a JSON object.", null);
        }
        onlyFields(body, "", FIELDS);
        refuseUnservable(body);
        String model = Read.requiredText(body, "model", "model");
        if (model.isBlank()) {
            throw new GatewayException.BadRequest("'model' must not be empty.", "model");
        }
        String previous = Fields.optionalText(body, "previous_response_id", "previous_response_id");
        if (!present(body.get("input")) && previous == null) {
            throw Read.missing("input");
        }
        ArrayNode input = ResponsesInputJson.items(body.get("input"));
        String instructions = Fields.optionalText(body, "instructions", "instructions");
        List<Message> messages = new ArrayList<>();
        if (instructions != null) {
            messages.add(new Message.System(instructions, null));
        }
        messages.addAll(ResponsesInputJson.messages(input));

        ObjectNode echo = Json.object();
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            // Gatehouse's own encrypted reasoning became the message's reasoning signature; another's (OpenAI's) is
            // readable only by the platform that issued it, so it reaches no translated upstream.
            JsonNode item = input.get(i);
            if ("reasoning".equals(item.path("type").asText()) && present(item.get("encrypted_content"))
                    && !EncryptedReasoning.isOwn(item.get("encrypted_content").asText())) {
                dropped.add("input[" + i + "].encrypted_content");
            }
        }
        ResponsesToolsJson.Declared declared = ResponsesToolsJson.tools(body.get("tools"));
        List<Tool> tools = declared.tools();
        ResponsesToolsJson.Choice choice = ResponsesToolsJson.toolChoice(body.get("tool_choice"), tools);
        ChatRequest.Builder chat = ChatRequest.builder(model).messages(messages).tools(choice.tools())
                .toolChoice(choice.choice());
        echo.set("tools", present(body.get("tools")) ? body.get("tools").deepCopy() : Json.array());
        echo.set("tool_choice", present(body.get("tool_choice")) ? body.get("tool_choice").deepCopy()
                : TextNode.valueOf("auto"));
        Boolean parallel = Fields.optionalBoolean(body, "parallel_tool_calls", "parallel_tool_calls");
        chat.parallelToolCalls(parallel);
        echo.put("parallel_tool_calls", parallel == null || parallel);

        echo.set("text", ResponsesTextJson.read(body.get("text"), chat));
        String summary = readReasoning(body.get("reasoning"), reasons, chat, echo, dropped);

        Integer maxOutput = Fields.optionalInt(body, "max_output_tokens", "max_output_tokens", 16, Integer.MAX_VALUE);
        chat.maxCompletionTokens(maxOutput);
        putNumberOrNull(echo, "max_output_tokens", maxOutput);
        // max_tool_calls counts calls of built-in tools, which never run on this path: any limit holds.
        putNumberOrNull(echo, "max_tool_calls",
                Fields.optionalInt(body, "max_tool_calls", "max_tool_calls", 0, Integer.MAX_VALUE));
        Double temperature = Fields.optionalNumber(body, "temperature", "temperature", 0, 2);
        Double topP = Fields.optionalNumber(body, "top_p", "top_p", 0, 1);
        chat.temperature(temperature).topP(topP);
        putNumberOrNull(echo, "temperature", temperature);
        putNumberOrNull(echo, "top_p", topP);
        Integer topLogprobs = Fields.optionalInt(body, "top_logprobs", "top_logprobs", 0, 20);
        if (topLogprobs != null && topLogprobs > 0) {
            throw notSupported("top_logprobs", "the canonical answer carries no log probabilities");
        }
        putNumberOrNull(echo, "top_logprobs", topLogprobs);
        echo.set("metadata", readMetadata(body.get("metadata")));
        String user = Fields.optionalText(body, "user", "user");
        chat.user(user);
        if (user == null) {
            echo.putNull("user");
        } else {
            echo.put("user", user);
        }
        String truncation = Read.oneOf(body, "truncation", "truncation", Set.of("auto", "disabled"));
        if ("auto".equals(truncation)) {
            throw notSupported("truncation", "'auto' drops the oldest items when the conversation overflows the "
                    + "context window, which Gatehouse does not do; a conversation too long is refused instead");
        }
        echo.put("truncation", "disabled");
        boolean includeEncryptedReasoning = readInclude(body.get("include"));

        for (String platformOnly : List.of("prompt_cache_key", "prompt_cache_retention", "safety_identifier",
                "service_tier")) {
            if (present(body.get(platformOnly))) {
                if (!body.get(platformOnly).isTextual()) {
                    throw invalid(platformOnly, "a string", body.get(platformOnly));
                }
                dropped.add(platformOnly);
            }
        }
        if (present(body.get("client_metadata"))) {
            // Sent by Codex (session and turn ids for OpenAI's own telemetry); it never reaches a model.
            Read.object(body.get("client_metadata"), "client_metadata");
            dropped.add("client_metadata");
        }
        Boolean stored = Fields.optionalBoolean(body, "store", "store");
        Boolean stream = Fields.optionalBoolean(body, "stream", "stream");
        readStreamOptions(body.get("stream_options"), Boolean.TRUE.equals(stream), dropped);
        chat.stream(Boolean.TRUE.equals(stream)).includeUsage(Boolean.TRUE.equals(stream));
        return new ResponsesRequest(chat.build(), input, instructions, previous, stored == null || stored,
                Boolean.TRUE.equals(stream), summary, includeEncryptedReasoning, echo, dropped, declared.namespaces());
    }

    /** Fields whose whole point is something Gatehouse does not do on this path. */
    private static void refuseUnservable(JsonNode body) {
        if (Boolean.TRUE.equals(Fields.optionalBoolean(body, "background", "background"))) {
            throw notSupported("background", "Gatehouse does not run responses in the background; send the request "
                    + "without it (streaming if the answer is long)");
        }
        if (present(body.get("conversation"))) {
            throw notSupported("conversation", "conversations live in OpenAI's own store; use previous_response_id");
        }
        if (present(body.get("prompt"))) {
            throw notSupported("prompt", "stored prompt templates live in OpenAI's own platform; send the "
                    + "instructions and input themselves");
        }
    }

    /**
     * {@code reasoning}: effort → the canonical {@code reasoning_effort}; summary shapes the output.
     * For a model that does not reason both are left out (echoed as null) and named.
     */
    private static String readReasoning(JsonNode reasoning, boolean reasons, ChatRequest.Builder chat,
            ObjectNode echo, List<String> dropped) {
        ObjectNode echoed = echo.putObject("reasoning");
        if (!present(reasoning)) {
            echoed.putNull("effort").putNull("summary");
            return null;
        }
        Read.object(reasoning, "reasoning");
        onlyFields(reasoning, "reasoning", Set.of("effort", "summary", "generate_summary"));
        String effort = Read.oneOf(reasoning, "effort", "reasoning.effort", EFFORTS);
        String summary = Read.oneOf(reasoning, "summary", "reasoning.summary", Set.of("auto", "concise", "detailed"));
        // generate_summary is the deprecated name of summary.
        String generate = Read.oneOf(reasoning, "generate_summary", "reasoning.generate_summary",
                Set.of("auto", "concise", "detailed"));
        String summaryField = summary != null ? "reasoning.summary" : "reasoning.generate_summary";
        if (summary == null) {
            summary = generate;
        }
        if (!reasons) {
            if (effort != null) {
                dropped.add("reasoning.effort");
            }
            if (summary != null) {
                dropped.add(summaryField);
            }
            echoed.putNull("effort").putNull("summary");
            return null;
        }
        if (effort != null) {
            chat.extension("reasoning_effort", TextNode.valueOf(effort));
            echoed.put("effort", effort);
        } else {
            echoed.putNull("effort");
        }
        if (summary != null) {
            echoed.put("summary", summary);
        } else {
            echoed.putNull("summary");
        }
        return summary;
    }

    /** {@code metadata}: up to 16 string pairs, kept with the response (it does not reach the model). */
    private static ObjectNode readMetadata(JsonNode metadata) {
        if (!present(metadata)) {
            return Json.object();
        }
        Read.object(metadata, "metadata");
        if (metadata.size() > 16) {
            throw new GatewayException.BadRequest("Invalid 'metadata': at most 16 pairs are allowed.", "metadata");
        }
        for (var pair : metadata.properties()) {
            String path = "metadata." + pair.getKey();
            if (pair.getKey().length() > 64) {
                throw new GatewayException.BadRequest("Invalid 'metadata': a key is at most 64 characters.", "metadata");
            }
            if (!pair.getValue().isTextual()) {
                throw invalid(path, "a string", pair.getValue());
            }
            if (pair.getValue().asText().length() > 512) {
                throw new GatewayException.BadRequest("Invalid '" + path + "': a value is at most 512 characters.",
                        path);
            }
        }
        return (ObjectNode) metadata.deepCopy();
    }

    /** Checks {@code include}; true when it asks for {@code reasoning.encrypted_content}. */
    private static boolean readInclude(JsonNode include) {
        if (!present(include)) {
            return false;
        }
        if (!include.isArray()) {
            throw invalid("include", "an array of strings", include);
        }
        boolean encryptedReasoning = false;
        for (int i = 0; i < include.size(); i++) {
            String path = "include[" + i + "]";
            JsonNode value = include.get(i);
            if (!value.isTextual()) {
                throw invalid(path, "a string", value);
            }
            if (!INCLUDES.contains(value.asText())) {
                throw Read.invalidValue(path, value.asText(), "one of " + String.join(", ",
                        INCLUDES.stream().sorted().toList()));
            }
            if (value.asText().equals("message.output_text.logprobs")) {
                throw notSupported(path, "the canonical answer carries no log probabilities");
            }
            encryptedReasoning |= value.asText().equals("reasoning.encrypted_content");
        }
        return encryptedReasoning;
    }

    private static void readStreamOptions(JsonNode options, boolean stream, List<String> dropped) {
        if (!present(options)) {
            return;
        }
        Read.object(options, "stream_options");
        onlyFields(options, "stream_options", Set.of("include_obfuscation"));
        if (!stream) {
            throw new GatewayException.BadRequest("'stream_options' is only allowed when 'stream' is true.",
                    "stream_options");
        }
        if (Fields.optionalBoolean(options, "include_obfuscation", "stream_options.include_obfuscation") != null) {
            // Obfuscation pads OpenAI's delta events against a network side channel; Gatehouse's events carry none.
            dropped.add("stream_options.include_obfuscation");
        }
    }

    private static void putNumberOrNull(ObjectNode node, String name, Number value) {
        if (value == null) {
            node.putNull(name);
        } else if (value instanceof Integer i) {
            node.put(name, i);
        } else {
            node.put(name, value.doubleValue());
        }
    }
}
