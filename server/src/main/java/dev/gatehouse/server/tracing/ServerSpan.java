package dev.gatehouse.server.tracing;

import static dev.gatehouse.server.tracing.SpanAttributes.*;

import dev.gatehouse.api.Usage;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.telemetry.GenAiFacts;
import dev.gatehouse.server.telemetry.RequestSpan;
import dev.gatehouse.server.telemetry.RequestSummary;
import io.opentelemetry.api.common.AttributeKey;

/**
 * One request's SERVER span. Its attempts are its children ({@link AttemptSpan}); when the
 * request ends, the summary's facts become its attributes and it is named
 * {@code {gen_ai.operation.name} {gen_ai.request.model}} as the GenAI conventions name spans.
 */
final class ServerSpan implements RequestSpan {

    /** The longest value taken from an upstream's answer (its response id, its model name). */
    private static final int MAX_UPSTREAM_TEXT = 256;

    private final Spans spans;
    private final RecordedSpan span;
    private final String route;
    private final TelemetrySettings settings;

    ServerSpan(Spans spans, RecordedSpan span, String route, TelemetrySettings settings) {
        this.spans = spans;
        this.span = span;
        this.route = route;
        this.settings = settings;
    }

    @Override
    public AttemptObserver attempt(Deployment deployment, int number) {
        return AttemptSpan.start(spans, span, deployment, number, operation(route), settings.propagateUpstream());
    }

    @Override
    public String traceId() {
        return span.getSpanContext().getTraceId();
    }

    @Override
    public String spanId() {
        return span.getSpanContext().getSpanId();
    }

    @Override
    public void end(RequestSummary summary) {
        describe(summary);
        spans.end(span);
    }

    private void describe(RequestSummary summary) {
        span.put(HTTP_STATUS, (long) summary.status());
        if (summary.clientAddress() != null) {
            span.put(CLIENT_ADDRESS, summary.clientAddress());
        }
        if (summary.firstTokenNanos() != null) {
            span.put(FIRST_TOKEN_MS, summary.firstTokenNanos() / 1e6);
        }
        if (summary.errorType() != null) {
            span.put(ERROR_TYPE, summary.errorType());
        }
        if (summary.status() >= 500) {
            // A server span is in error for a 5xx only: a 4xx is the caller's (HTTP conventions).
            span.error();
        }
        RequestSummary.ModelRequest model = summary.model();
        if (model != null) {
            describe(model);
        }
    }

    private void describe(RequestSummary.ModelRequest model) {
        GenAiFacts facts = model.genAi();
        String operation = facts != null && facts.operation() != null ? facts.operation() : operation(route);
        span.put(OPERATION, operation);
        Deployment deployment = model.deployment();
        if (deployment != null) {
            // Routed, so the name asked for is a configured one: never unbounded text from the caller.
            span.put(REQUEST_MODEL, model.model());
            span.put(PROVIDER, providerName(deployment.provider()));
            span.put(DEPLOYMENT, deployment.id());
            span.rename(operation + " " + model.model());
        } else {
            span.rename(operation);
        }
        setIfPresent(KEY_ID, model.keyId());
        setIfPresent(TEAM_ID, model.teamId());
        setIfPresent(FALLBACK, model.fallback());
        setIfPresent(CACHE, model.cache());
        span.put(ATTEMPTS, (long) model.attempts());
        span.put(STREAM, model.stream());
        if (model.costUsd() != null) {
            span.put(COST_USD, model.costUsd().doubleValue());
        }
        Usage usage = model.usage();
        if (usage != null) {
            span.put(INPUT_TOKENS, (long) usage.promptTokens());
            span.put(OUTPUT_TOKENS, (long) usage.completionTokens());
        }
        if (facts != null) {
            describe(facts);
        }
    }

    private void describe(GenAiFacts facts) {
        if (facts.maxTokens() != null) {
            span.put(MAX_TOKENS, (long) facts.maxTokens());
        }
        if (facts.temperature() != null) {
            span.put(TEMPERATURE, facts.temperature());
        }
        setIfPresent(RESPONSE_ID, bounded(facts.responseId()));
        setIfPresent(RESPONSE_MODEL, bounded(facts.responseModel()));
        if (!facts.finishReasons().isEmpty()) {
            span.put(FINISH_REASONS, facts.finishReasons().stream().map(ServerSpan::bounded).sorted().toList());
        }
        if (settings.captureContent()) {
            setIfPresent(PROMPT, Content.captured(facts.prompt()));
            setIfPresent(COMPLETION, Content.captured(facts.completion()));
        }
    }

    private void setIfPresent(AttributeKey<String> key, String value) {
        if (value != null) {
            span.put(key, value);
        }
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_UPSTREAM_TEXT ? text : text.substring(0, MAX_UPSTREAM_TEXT);
    }
}
