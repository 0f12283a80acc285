package dev.gatehouse.server.telemetry;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What OpenTelemetry's GenAI conventions record of a model request beside its usage: the
 * operation, the request's sampling settings, the answer's id, model and finish reasons, and
 * (read only when a trace captures content) its prompt and completion. Filled in by the route's
 * steps on the request's thread; read once when the request ends.
 */
public final class GenAiFacts {

    private String operation;
    private Integer maxTokens;
    private Double temperature;
    private String responseId;
    private String responseModel;
    /** Made at the first finish reason: most requests' facts are never read (no trace), so none is allocated up front. */
    private Set<String> finishReasons;
    private Supplier<String> prompt;
    private Supplier<String> completion;

    /** {@code gen_ai.operation.name}: {@code chat}, {@code text_completion}, {@code embeddings}, … */
    public String operation() {
        return operation;
    }

    public GenAiFacts operation(String value) {
        this.operation = value;
        return this;
    }

    public Integer maxTokens() {
        return maxTokens;
    }

    public GenAiFacts maxTokens(Integer value) {
        this.maxTokens = value;
        return this;
    }

    public Double temperature() {
        return temperature;
    }

    public GenAiFacts temperature(Double value) {
        this.temperature = value;
        return this;
    }

    public String responseId() {
        return responseId;
    }

    public GenAiFacts responseId(String value) {
        if (value != null) {
            this.responseId = value;
        }
        return this;
    }

    public String responseModel() {
        return responseModel;
    }

    public GenAiFacts responseModel(String value) {
        if (value != null) {
            this.responseModel = value;
        }
        return this;
    }

    /** The finish reasons seen, each once. */
    public Set<String> finishReasons() {
        return finishReasons == null ? Set.of() : Set.copyOf(finishReasons);
    }

    public GenAiFacts finishReason(String value) {
        if (value != null) {
            if (finishReasons == null) {
                finishReasons = new LinkedHashSet<>(2);
            }
            finishReasons.add(value);
        }
        return this;
    }

    /** The prompt as text, read only when content is captured; null when unknown. */
    public Supplier<String> prompt() {
        return prompt;
    }

    public GenAiFacts prompt(Supplier<String> value) {
        this.prompt = value;
        return this;
    }

    /** The completion as text, read only when content is captured; null when unknown. */
    public Supplier<String> completion() {
        return completion;
    }

    public GenAiFacts completion(Supplier<String> value) {
        this.completion = value;
        return this;
    }
}
