package dev.gatehouse.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An OpenAI Chat Completions request.
 *
 * <p>The fields every translator needs are typed. Every other field the caller sent is kept,
 * in order, in {@code extensions}: OpenAI-compatible upstreams receive them unchanged (callers
 * rely on new parameters before any gateway knows them), and translating providers must map,
 * drop (when the deployment says so) or reject each one, never ignore it.
 *
 * <p>{@code maxTokens} and {@code maxCompletionTokens} are OpenAI's old and new names for the
 * same limit; both are kept so that a pass-through sends the one the caller chose.
 * Use {@link #outputTokenLimit()} when translating.
 */
public record ChatRequest(
        String model,
        List<Message> messages,
        List<Tool> tools,
        ToolChoice toolChoice,
        Boolean parallelToolCalls,
        ResponseFormat responseFormat,
        Integer maxTokens,
        Integer maxCompletionTokens,
        List<String> stop,
        Double temperature,
        Double topP,
        Long seed,
        Integer n,
        boolean stream,
        boolean includeUsage,
        String user,
        Map<String, JsonNode> extensions) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        tools = tools == null ? List.of() : List.copyOf(tools);
        stop = stop == null ? List.of() : List.copyOf(stop);
        extensions = extensions == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A request with only a model and messages. */
    public static ChatRequest of(String model, List<Message> messages) {
        return builder(model).messages(messages).build();
    }

    public static Builder builder(String model) {
        return new Builder(model);
    }

    /** The limit on generated tokens, whichever of the two names the caller used. */
    public Integer outputTokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    /** A copy with another model name (the upstream's name for the model). */
    public ChatRequest withModel(String upstreamModel) {
        return toBuilder().model(upstreamModel).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(model);
        b.messages = messages;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.responseFormat = responseFormat;
        b.maxTokens = maxTokens;
        b.maxCompletionTokens = maxCompletionTokens;
        b.stop = stop;
        b.temperature = temperature;
        b.topP = topP;
        b.seed = seed;
        b.n = n;
        b.stream = stream;
        b.includeUsage = includeUsage;
        b.user = user;
        b.extensions = new LinkedHashMap<>(extensions);
        return b;
    }

    /** Builds a request field by field; unset fields are absent (null or empty). */
    public static final class Builder {
        private String model;
        private List<Message> messages = List.of();
        private List<Tool> tools = List.of();
        private ToolChoice toolChoice;
        private Boolean parallelToolCalls;
        private ResponseFormat responseFormat;
        private Integer maxTokens;
        private Integer maxCompletionTokens;
        private List<String> stop = List.of();
        private Double temperature;
        private Double topP;
        private Long seed;
        private Integer n;
        private boolean stream;
        private boolean includeUsage;
        private String user;
        private Map<String, JsonNode> extensions = new LinkedHashMap<>();

        private Builder(String model) {
            this.model = model;
        }

        public Builder model(String value) { this.model = value; return this; }
        public Builder messages(List<Message> value) { this.messages = value; return this; }
        public Builder tools(List<Tool> value) { this.tools = value; return this; }
        public Builder toolChoice(ToolChoice value) { this.toolChoice = value; return this; }
        public Builder parallelToolCalls(Boolean value) { this.parallelToolCalls = value; return this; }
        public Builder responseFormat(ResponseFormat value) { this.responseFormat = value; return this; }
        public Builder maxTokens(Integer value) { this.maxTokens = value; return this; }
        public Builder maxCompletionTokens(Integer value) { this.maxCompletionTokens = value; return this; }
        public Builder stop(List<String> value) { this.stop = value; return this; }
        public Builder temperature(Double value) { this.temperature = value; return this; }
        public Builder topP(Double value) { this.topP = value; return this; }
        public Builder seed(Long value) { this.seed = value; return this; }
        public Builder n(Integer value) { this.n = value; return this; }
        public Builder stream(boolean value) { this.stream = value; return this; }
        public Builder includeUsage(boolean value) { this.includeUsage = value; return this; }
        public Builder user(String value) { this.user = value; return this; }
        public Builder extension(String name, JsonNode value) { this.extensions.put(name, value); return this; }
        public Builder extensions(Map<String, JsonNode> value) { this.extensions = new LinkedHashMap<>(value); return this; }

        public ChatRequest build() {
            return new ChatRequest(model, messages, tools, toolChoice, parallelToolCalls, responseFormat, maxTokens,
                    maxCompletionTokens, stop, temperature, topP, seed, n, stream, includeUsage, user, extensions);
        }
    }
}
