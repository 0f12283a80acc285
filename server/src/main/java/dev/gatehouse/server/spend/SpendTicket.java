package dev.gatehouse.server.spend;

import dev.gatehouse.api.ImageResponse.ImageUsage;
import dev.gatehouse.api.Usage;
import dev.gatehouse.pricing.Cost;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.spend.SpendRecord.Outcome;
import java.math.BigDecimal;

/**
 * One request's spend row in the making, filled in by its handler on the request's thread.
 * {@link #finish} queues the row, once; a request whose key was not accepted has no row (there
 * is no key to charge, and refusing strangers must not fill the table).
 */
public final class SpendTicket {

    private final SpendLog log;
    private final String route;
    private final String requestId;
    private final long at;
    private final long startNanos;
    private Caller caller;
    private String model;
    private boolean upstreamCalled;
    private Usage usage;
    private ImageUsage imageUsage;
    private Long ttftMs;
    private boolean finished;

    SpendTicket(SpendLog log, String route, String requestId, long at, long startNanos) {
        this.log = log;
        this.route = route;
        this.requestId = requestId;
        this.at = at;
        this.startNanos = startNanos;
    }

    public void caller(Caller value) {
        this.caller = value;
    }

    /** The public model name asked for, once the request is read. */
    public void model(String value) {
        this.model = value;
    }

    /** Marks the moment the request goes to the gateway (and so to the upstream). */
    public void upstreamCalled() {
        this.upstreamCalled = true;
    }

    /** The usage the provider reported (the latest report wins). */
    public void usage(Usage value) {
        if (value != null) {
            this.usage = value;
        }
    }

    public void images(ImageUsage value) {
        this.imageUsage = value;
    }

    public void firstToken(long nanos) {
        this.ttftMs = nanos / 1_000_000;
    }

    /**
     * Queues the row: the HTTP status the caller got and what happened. An exception after the
     * upstream was called counts as an upstream error, one before it as a refusal.
     */
    public void finish(int status, boolean succeeded, boolean callerGone) {
        if (finished || caller == null || !log.enabled()) {
            return;
        }
        finished = true;
        Deployment deployment = log.deployment(model);
        // A model this gateway does not serve fails in the gateway, before any upstream is called.
        Outcome outcome = callerGone ? Outcome.DISCONNECTED
                : succeeded ? Outcome.SUCCESS
                : upstreamCalled && deployment != null ? Outcome.UPSTREAM_ERROR : Outcome.REFUSED;
        ModelPrice price = deployment == null ? null : log.prices().of(deployment);
        SpendRecord.Tokens tokens = tokens();
        BigDecimal cost = cost(price);
        log.submit(new SpendRecord(at, requestId, caller.keyId(), caller.team().map(t -> t.id()).orElse(null), model,
                deployment == null ? null : deployment.provider(), deployment == null ? null : deployment.upstreamModel(),
                route, tokens, imageUsage == null ? null : imageUsage.images(), cost, false, status, outcome,
                (System.nanoTime() - startNanos) / 1_000_000, ttftMs, false));
    }

    /** The request's cost so far from the usage reported, or null when the price or the usage is unknown. */
    public BigDecimal cost() {
        Deployment deployment = log.deployment(model);
        return cost(deployment == null ? null : log.prices().of(deployment));
    }

    /** Input plus output tokens the provider reported, or null when it reported none. */
    public Long totalTokens() {
        SpendRecord.Tokens tokens = tokens();
        return tokens == null ? null : (long) tokens.prompt() + tokens.completion();
    }

    private SpendRecord.Tokens tokens() {
        if (usage != null) {
            return new SpendRecord.Tokens(usage.promptTokens(), usage.completionTokens(), usage.cachedTokens(),
                    usage.cacheWriteTokens(), usage.reasoningTokens());
        }
        if (imageUsage != null && imageUsage.inputTokens() != null) {
            return new SpendRecord.Tokens(imageUsage.inputTokens(),
                    imageUsage.outputTokens() == null ? 0 : imageUsage.outputTokens(), null, null, null);
        }
        return null;
    }

    /** Per image where the price is per image, else by tokens; null when either side is unknown. */
    private BigDecimal cost(ModelPrice price) {
        if (price == null) {
            return null;
        }
        if (imageUsage != null) {
            if (!price.perImage().isEmpty()) {
                return Cost.of(price, imageUsage);
            }
            return imageUsage.inputTokens() == null ? null : Cost.of(price, Usage.of(imageUsage.inputTokens(),
                    imageUsage.outputTokens() == null ? 0 : imageUsage.outputTokens()));
        }
        return Cost.of(price, usage);
    }
}
