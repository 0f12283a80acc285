package dev.gatehouse.server.guardrail.webhook;

/** Which side of the exchange the webhook is asked about: the caller's request or the model's answer. */
public enum WebhookStage {
    INPUT("input"),
    OUTPUT("output");

    private final String wireName;

    WebhookStage(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the body's {@code stage} field. */
    public String wireName() {
        return wireName;
    }
}
