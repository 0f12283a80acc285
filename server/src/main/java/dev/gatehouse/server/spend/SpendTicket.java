package dev.gatehouse.server.spend;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ImageResponse.ImageUsage;
import dev.gatehouse.api.Usage;
import dev.gatehouse.pricing.Cost;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.spend.SpendRecord.Outcome;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

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
    private Deployment served;
    private boolean upstreamCalled;
    private Usage usage;
    private ImageUsage imageUsage;
    private Long ttftMs;
    private boolean finished;
    /** Counts the request's input tokens, called only when the provider reports no usage. */
    private IntSupplier promptEstimate;
    /** The answer's text as it went out, counted only when the provider's usage never came. */
    private StringBuilder generated;
    private Supplier<String> relayedText;
    /** Earlier (or all) attempts that failed after their upstream had the request: each is charged its input. */
    private List<Deployment> billedAttempts = List.of();
    /** The request's input tokens as counted here, once; -1 until counted. */
    private int promptCount = -1;
    /** Answered from the response cache: no upstream, no deployment, cost 0. */
    private boolean cacheHit;
    /** The strongest action the guardrails took; null while none. */
    private GuardrailFlag guardrail;
    /** The end user the accepted request named; null when none. */
    private String endUser;
    private List<String> tags = List.of();

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

    /** The answer came from the response cache: the row says so, with cost 0 and no deployment or tokens. */
    public void cacheHit() {
        this.cacheHit = true;
    }

    /** The guardrails acted on the request (on its input or its answer): the row keeps the strongest action. */
    public void guardrail(GuardrailFlag value) {
        this.guardrail = GuardrailFlag.strongest(guardrail, value);
    }

    /** The strongest action the guardrails took so far; null when none. */
    public GuardrailFlag guardrail() {
        return guardrail;
    }

    /**
     * Whom the accepted request's spend is attributed to beyond its key: the end user it names
     * (null: none) and its tags (docs/spend.md, "End users and tags").
     */
    public void attribution(String endUserId, List<String> requestTags) {
        this.endUser = endUserId;
        this.tags = List.copyOf(requestTags);
    }

    /** The public model name asked for, once the request is read. */
    public void model(String value) {
        this.model = value;
    }

    /** The deployment that served the request (or was tried last), as routing chose it. */
    public void deployment(Deployment value) {
        if (value != null) {
            this.served = value;
        }
    }

    /** Marks the moment the request goes to the gateway (and so to the upstream). */
    public void upstreamCalled() {
        this.upstreamCalled = true;
    }

    /**
     * The attempts that failed after their upstream had accepted the request (a 5xx, a timeout
     * waiting for the answer; {@link dev.gatehouse.api.GatewayException#upstreamMayBill()}), each
     * on its deployment. Providers may bill those, so each is charged at least the request's
     * input tokens, counted here, at its deployment's price (docs/spend.md).
     */
    public void billedAttempts(List<Deployment> value) {
        this.billedAttempts = List.copyOf(value);
    }

    /** The usage the provider reported (the latest report wins). */
    public void usage(Usage value) {
        if (value != null && !cacheHit) { // a replayed answer's usage is what it cost when it was made
            this.usage = value;
        }
    }

    /** The usage reported (and, once {@link #finish finished}, counted where none was); null when unknown. */
    public Usage usage() {
        return usage;
    }

    /** How to count the request's input tokens should the provider report none (counted only then). */
    public void promptEstimate(IntSupplier value) {
        this.promptEstimate = value;
    }

    /**
     * A streamed chunk: what it added to the answer, kept for a count should the provider's usage
     * not come, and the usage when it carries it.
     */
    public void streamed(ChatChunk chunk) {
        usage(chunk.usage());
        if (!chunk.choices().isEmpty()) {
            GeneratedText.append(generated == null ? generated = new StringBuilder() : generated, chunk);
        }
    }

    /**
     * The text of a stream relayed as the upstream wrote it, read only if it has to be counted
     * (the provider's final usage never came).
     */
    public void generated(Supplier<String> text) {
        this.relayedText = text;
    }

    /**
     * The text a stream generated, as kept for counting (its chunks', or the relayed stream's);
     * null when none was kept. Read only by traces that capture content.
     */
    public String generatedText() {
        if (generated != null) {
            return generated.toString();
        }
        return relayedText != null ? relayedText.get() : null;
    }

    /** A whole answer; its text is counted only when it carries no usage. */
    public void answered(ChatResponse response) {
        if (response.usage() != null) {
            usage(response.usage());
        } else {
            GeneratedText.append(generated == null ? generated = new StringBuilder() : generated, response);
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
        if (finished || caller == null) {
            return;
        }
        finished = true;
        // Before the row and before the limits settle: both charge what was counted.
        boolean estimated = countWhatWasNotReported(succeeded, callerGone) || attemptTokens() > 0;
        if (!log.enabled()) {
            return;
        }
        Deployment deployment = cacheHit ? null : servingDeployment();
        // A model this gateway does not serve fails in the gateway, before any upstream is called;
        // an answer a guardrail withheld was refused by Gatehouse, though the upstream answered.
        Outcome outcome = callerGone ? Outcome.DISCONNECTED
                : succeeded ? Outcome.SUCCESS
                : guardrail == GuardrailFlag.BLOCKED ? Outcome.REFUSED
                : upstreamCalled && deployment != null ? Outcome.UPSTREAM_ERROR : Outcome.REFUSED;
        SpendRecord.Tokens tokens = tokens();
        BigDecimal cost = cost();
        log.submit(new SpendRecord(at, requestId, caller.keyId(), caller.team().map(t -> t.id()).orElse(null), model,
                deployment == null ? null : deployment.provider(), deployment == null ? null : deployment.upstreamModel(),
                route, tokens, imageUsage == null ? null : imageUsage.images(), cost, estimated, status, outcome,
                (System.nanoTime() - startNanos) / 1_000_000, ttftMs, cacheHit, guardrail, endUser, tags));
    }

    /**
     * Fills in the usage the provider did not report, with {@link Tokenizer} counts; true when it
     * did. Counted: an answer without usage (some OpenAI-compatible servers send none), and a
     * stream the caller left before the usage came (what was generated until then — the provider
     * bills it). Not counted: a failure before any output, which providers do not bill.
     */
    private boolean countWhatWasNotReported(boolean succeeded, boolean callerGone) {
        if (imageUsage != null || !upstreamCalled) {
            return false;
        }
        // A stream that began and then ended early (its caller left, or its upstream broke off):
        // the upstream had the request and produced what went out until then.
        boolean brokenOff = callerGone || !succeeded && ttftMs != null;
        if (relayedText != null && (usage == null || brokenOff)) {
            String text = relayedText.get();
            if (!text.isEmpty()) {
                (generated == null ? generated = new StringBuilder() : generated).append(text);
            }
        }
        if (usage == null && (succeeded || generated != null || brokenOff)) {
            usage = Usage.of(promptTokens(), Tokenizer.count(generated));
            return true;
        }
        if (usage != null && brokenOff && generated != null) {
            // A usage seen at the start of a stream (Anthropic's message_start) counts the output
            // only so far; what went out since is counted here.
            int streamed = Tokenizer.count(generated);
            if (streamed > usage.completionTokens()) {
                usage = new Usage(usage.promptTokens(), streamed, usage.cachedTokens(), usage.cacheWriteTokens(),
                        usage.reasoningTokens());
                return true;
            }
        }
        return false;
    }

    /**
     * The request's cost from the usage reported (and, once {@link #finish finished}, counted where
     * none was), priced for the deployment that served it; null when the price or the usage is unknown.
     */
    public BigDecimal cost() {
        if (cacheHit) {
            return BigDecimal.ZERO;
        }
        Deployment deployment = servingDeployment();
        BigDecimal answered = cost(deployment == null ? null : log.prices().of(deployment));
        int attemptTokens = attemptTokens();
        if (attemptTokens == 0) {
            return answered;
        }
        if (answered == null && (usage != null || imageUsage != null)) {
            return null; // the answer's own cost is unknown, so the sum is too
        }
        BigDecimal total = answered == null ? BigDecimal.ZERO : answered;
        Usage input = Usage.of(promptTokens(), 0);
        for (Deployment attempt : billedAttempts) {
            BigDecimal one = Cost.of(log.prices().of(attempt), input);
            if (one == null) {
                return null;
            }
            total = total.add(one);
        }
        return total;
    }

    /** The input tokens charged for the billed failed attempts together; 0 without any (or without a count). */
    private int attemptTokens() {
        if (billedAttempts.isEmpty() || promptEstimate == null) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (long) billedAttempts.size() * promptTokens());
    }

    /** The request's input tokens, counted once (only when something needs them). */
    private int promptTokens() {
        if (promptCount < 0) {
            promptCount = promptEstimate == null ? 0 : promptEstimate.getAsInt();
        }
        return promptCount;
    }

    /** The deployment routing used; before routing (or without it) the model's first deployment, if any. */
    private Deployment servingDeployment() {
        return served != null ? served : log.deployment(model);
    }

    /** Input plus output tokens the provider reported, or null when it reported none. */
    public Long totalTokens() {
        SpendRecord.Tokens tokens = tokens();
        return tokens == null ? null : (long) tokens.prompt() + tokens.completion();
    }

    /** The answer's tokens, plus the input of every billed failed attempt in the prompt count. */
    private SpendRecord.Tokens tokens() {
        SpendRecord.Tokens answered = answeredTokens();
        int attempts = attemptTokens();
        if (attempts == 0) {
            return answered;
        }
        if (answered == null) {
            return new SpendRecord.Tokens(attempts, 0, null, null, null);
        }
        return new SpendRecord.Tokens((int) Math.min(Integer.MAX_VALUE, (long) answered.prompt() + attempts),
                answered.completion(), answered.cached(), answered.cacheWrite(), answered.reasoning());
    }

    private SpendRecord.Tokens answeredTokens() {
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
