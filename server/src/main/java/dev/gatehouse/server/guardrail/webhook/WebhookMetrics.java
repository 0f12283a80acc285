package dev.gatehouse.server.guardrail.webhook;

import java.util.concurrent.atomic.LongAdder;

/**
 * How guardrail webhook calls came out, by stage and outcome, for Prometheus. One instance for
 * the whole server, shared by every configured webhook, so the metric is written once however
 * many policies name a webhook.
 */
public final class WebhookMetrics {

    /** The outcome labels, in the order of {@link #index}. */
    private static final String[] OUTCOMES = {"allow", "block", "modify", "failed"};

    private final LongAdder[] counts = new LongAdder[WebhookStage.values().length * OUTCOMES.length];

    public WebhookMetrics() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    /** Counts one call's raw outcome (a failure as failed, whatever the policy then decides). */
    void record(WebhookStage stage, Outcome outcome) {
        counts[stage.ordinal() * OUTCOMES.length + index(outcome)].increment();
    }

    /** How many calls of {@code stage} came to {@code outcome} ("allow", "block", "modify", "failed"). */
    public long count(WebhookStage stage, String outcome) {
        for (int i = 0; i < OUTCOMES.length; i++) {
            if (OUTCOMES[i].equals(outcome)) {
                return counts[stage.ordinal() * OUTCOMES.length + i].sum();
            }
        }
        throw new IllegalArgumentException("no such outcome: " + outcome);
    }

    /** Prometheus' text format, in the shape of the server's other sections. */
    public void scrape(StringBuilder out) {
        out.append("# HELP gatehouse_guardrail_webhook_calls_total Guardrail webhook calls by stage and outcome"
                + " (failed: timed out, unreachable, refused by the egress policy or answered wrongly).\n");
        out.append("# TYPE gatehouse_guardrail_webhook_calls_total counter\n");
        for (WebhookStage stage : WebhookStage.values()) {
            for (int i = 0; i < OUTCOMES.length; i++) {
                out.append("gatehouse_guardrail_webhook_calls_total{stage=\"").append(stage.wireName())
                        .append("\",outcome=\"").append(OUTCOMES[i]).append("\"} ")
                        .append(counts[stage.ordinal() * OUTCOMES.length + i].sum()).append('\n');
            }
        }
    }

    private static int index(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Allow a -> 0;
            case Outcome.Block b -> 1;
            case Outcome.Modify m -> 2;
            case Outcome.Failed f -> 3;
        };
    }
}
