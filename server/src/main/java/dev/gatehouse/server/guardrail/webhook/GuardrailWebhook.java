package dev.gatehouse.server.guardrail.webhook;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamLimits;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.server.upstream.EgressPolicy;
import dev.gatehouse.server.upstream.Http1Transport;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks one guardrail service about a request's or an answer's texts: POSTs the call's JSON
 * (signed when a secret is set) and reads the decision within the timeout. Never throws for
 * what the service or the network does: every such failure is an {@link Outcome.Failed}, which
 * the settings' {@link FailurePolicy} turns into an allow or a block ({@link #decide}). Safe to
 * share between requests; each call blocks its own (virtual) thread.
 */
public final class GuardrailWebhook {

    private static final Logger LOG = Logger.getLogger(GuardrailWebhook.class.getName());

    /** An answer may carry the texts back modified; far beyond that size it is not an answer to this call. */
    private static final long MIN_ANSWER_BYTES = 1024 * 1024;

    private final WebhookSettings settings;
    private final Transport transport;
    private final Clock clock;
    private final WebhookMetrics metrics;

    /**
     * A webhook sending through {@code transport}, which applies the egress policy (tests hand
     * in a transport of their own; {@link #create} is the server's).
     */
    public GuardrailWebhook(WebhookSettings settings, Transport transport, Clock clock, WebhookMetrics metrics) {
        this.settings = settings;
        this.transport = transport;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * The server's webhook: the server's HTTP/1.1 client under an egress policy of its own, the same rule the
     * deployments' base URLs follow: the URL's host must resolve to public addresses only unless
     * the settings allow the private network for it. Connecting is bounded by the timeout too.
     */
    public static GuardrailWebhook create(WebhookSettings settings, Clock clock, WebhookMetrics metrics) {
        EgressPolicy egress = new EgressPolicy(settings.allowPrivateNetwork() ? Set.of(settings.url().getHost()) : Set.of());
        return new GuardrailWebhook(settings, new Http1Transport(egress, settings.timeout()), clock, metrics);
    }

    public WebhookSettings settings() {
        return settings;
    }

    /** The decision for {@code call}: the service's, or the failure policy's when the call failed. */
    public Outcome decide(WebhookCall call) {
        return settings.onFailure().settle(check(call));
    }

    /**
     * What the service said about {@code call}, or {@link Outcome.Failed} saying why it said
     * nothing usable (counted in the metrics and logged). Stages that tell a failure apart
     * (an audit event, a flag on the spend row) call this, then settle it with the policy.
     */
    public Outcome check(WebhookCall call) {
        byte[] body = WebhookJson.write(call);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("x-request-id", call.requestId());
        settings.signingSecret().ifPresent(secret ->
                headers.put(WebhookSignature.HEADER, WebhookSignature.header(secret, body, clock.instant())));
        // The timeout bounds the wait for the answer's headers and, as a total, the whole answer.
        UpstreamRequest request = UpstreamRequest.postJson(settings.url(), headers, body, settings.timeout())
                .withTotalTimeout(settings.timeout());
        Outcome outcome = send(request, call, answerLimit(body.length));
        metrics.record(call.stage(), outcome);
        if (outcome instanceof Outcome.Failed failed) {
            LOG.log(Level.WARNING, () -> "guardrail webhook " + settings.url().getHost() + " failed for request "
                    + call.requestId() + " (" + call.stage().wireName() + "): " + failed.why()
                    + "; failing " + settings.onFailure().name().toLowerCase(java.util.Locale.ROOT));
        }
        return outcome;
    }

    private Outcome send(UpstreamRequest request, WebhookCall call, UpstreamLimits limits) {
        try (UpstreamResponse response = transport.send(request).withLimits(limits)) {
            if (!response.isSuccess()) {
                return new Outcome.Failed("the guardrail service answered with status " + response.status());
            }
            return WebhookJson.read(response.readAll(), call);
        } catch (GatewayException.UpstreamTimeout e) {
            return new Outcome.Failed("the guardrail service did not answer within " + settings.timeout().toMillis() + " ms");
        } catch (GatewayException.UpstreamServerError e) {
            // The only one reading can raise here: the answer is over its bound, and was not read.
            return new Outcome.Failed("the guardrail service's answer is larger than " + limits.maxBodyBytes() + " bytes");
        } catch (GatewayException e) {
            // The egress refusal, a connection that failed or broke, or an answer over its size.
            return new Outcome.Failed(e.getMessage());
        }
    }

    /** Room for the texts coming back modified, twice over (escaping), and more for small calls. */
    private static UpstreamLimits answerLimit(int bodyBytes) {
        long limit = Math.max(MIN_ANSWER_BYTES, 2L * bodyBytes + 64 * 1024);
        return new UpstreamLimits(limit, (int) Math.min(UpstreamLimits.DEFAULT_MAX_EVENT_BYTES, limit));
    }
}
