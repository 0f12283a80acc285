package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.limit.Demand;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A model route, declared: what it is called, where it is served, which key scope and error
 * format it has, and the route's own steps, each a function the {@link Pipeline} calls in its
 * place. Everything every route does (authenticate, guard, scope, admit, record, settle) is the
 * pipeline's; a route says only what differs. docs/architecture.md shows how to add one.
 *
 * @param name      the route's name in metrics and spend rows
 * @param paths     where it is served ({@code POST})
 * @param endpoint  the key scope it needs
 * @param errors    the error format its failures are written in
 * @param reader    reads the request and validates it: a refusal is a 400, before anything is recorded
 * @param model     the public model name a valid request asks for
 * @param prompt    counts a valid request's input tokens, should the provider not report them; null for none
 * @param check     checks a valid request against the model's deployments before admission (may refuse)
 * @param demand    what the request may use at most, for admission; null when the route admits
 *                  on requests per minute only (it spends no tokens)
 * @param call      calls the gateway and returns the answer to write
 * @param recorded  whether a request leaves a spend row
 * @param guarded   which sides the guardrails check (docs/guardrails.md)
 * @param streams   how the response cache replays and keeps this route's streams; null when they are not cached
 */
public record ModelRoute<R>(String name, List<String> paths, Endpoint endpoint, ErrorFormat errors, Reader<R> reader,
        Function<R, String> model, ToIntFunction<R> prompt, Consumer<R> check,
        BiFunction<R, TokenEstimator, Demand> demand, Call<R> call, boolean recorded, Guarded guarded,
        CachedStreams<R> streams) {

    /** Which sides of a request the guardrails check. */
    public enum Guarded {
        /** Neither: the route carries no free text to check, or is not covered yet. */
        NONE,
        /** The request only: its answer holds no text (embeddings). */
        INPUT,
        /** The request and a whole answer. */
        INPUT_AND_OUTPUT
    }

    public ModelRoute {
        Objects.requireNonNull(name, "name");
        paths = List.copyOf(paths);
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(errors, "errors");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(guarded, "guarded");
    }

    /** Reads and validates the request; throws the 400 (or 413, 415) to answer with. */
    @FunctionalInterface
    public interface Reader<R> {
        R read(Incoming request);
    }

    /** Calls the gateway for a valid, admitted request. */
    @FunctionalInterface
    public interface Call<R> {
        Answer call(ModelCall<R> call, R request);
    }

    /**
     * How the response cache serves a route's streaming requests: a stored whole answer replayed
     * as the route's events, and a stream that ended put back together as the whole answer to keep
     * (docs/cache.md, "What a hit looks like").
     */
    public interface CachedStreams<R> {

        /**
         * {@code stored}, the whole answer, as this route streams it to {@code request}; empty when it
         * can not be. The cache marks the request's spend ticket as a hit itself, once it serves the replay.
         */
        Optional<Answer> replay(ModelCall<R> call, R request, JsonNode stored);

        /**
         * The whole answer the stream's {@code events} make, in order, as this route answers
         * {@code request} whole; empty when they do not make one.
         */
        Optional<JsonNode> whole(R request, List<?> events);
    }

    /** Starts a route's declaration. */
    public static <R> Builder<R> post(String name, Endpoint endpoint, Reader<R> reader) {
        return new Builder<>(name, endpoint, reader);
    }

    /** A route's declaration, step by step; unset steps do nothing. */
    public static final class Builder<R> {
        private final String name;
        private final Endpoint endpoint;
        private final Reader<R> reader;
        private List<String> paths = List.of();
        private ErrorFormat errors = ErrorFormat.OPENAI;
        private Function<R, String> model;
        private ToIntFunction<R> prompt;
        private Consumer<R> check = request -> {};
        private BiFunction<R, TokenEstimator, Demand> demand;
        private boolean recorded = true;
        private Guarded guarded = Guarded.NONE;
        private CachedStreams<R> streams;

        private Builder(String name, Endpoint endpoint, Reader<R> reader) {
            this.name = name;
            this.endpoint = endpoint;
            this.reader = reader;
        }

        /** Served at each path under {@code /v1} and without it, as LiteLLM's proxy serves them. */
        public Builder<R> openAiPath(String path) {
            this.paths = List.of("/v1" + path, path);
            return this;
        }

        public Builder<R> paths(String... values) {
            this.paths = List.of(values);
            return this;
        }

        /** Failures in Anthropic's error format, with Anthropic's {@code request-id} header. */
        public Builder<R> anthropicErrors() {
            this.errors = ErrorFormat.ANTHROPIC;
            return this;
        }

        public Builder<R> model(Function<R, String> value) {
            this.model = value;
            return this;
        }

        public Builder<R> prompt(ToIntFunction<R> value) {
            this.prompt = value;
            return this;
        }

        public Builder<R> check(Consumer<R> value) {
            this.check = value;
            return this;
        }

        public Builder<R> demand(BiFunction<R, TokenEstimator, Demand> value) {
            this.demand = value;
            return this;
        }

        /** The request leaves no spend row (it calls no model, e.g. a token count). */
        public Builder<R> unrecorded() {
            this.recorded = false;
            return this;
        }

        /** The guardrails check the request, and the answer too when {@code answerToo}. */
        public Builder<R> guarded(boolean answerToo) {
            this.guarded = answerToo ? Guarded.INPUT_AND_OUTPUT : Guarded.INPUT;
            return this;
        }

        /** The response cache replays and keeps this route's streams so. */
        public Builder<R> cachedStreams(CachedStreams<R> value) {
            this.streams = value;
            return this;
        }

        public ModelRoute<R> call(Call<R> value) {
            return new ModelRoute<>(name, paths, endpoint, errors, reader, model, prompt, check, demand, value,
                    recorded, guarded, streams);
        }
    }
}
