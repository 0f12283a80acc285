package dev.gatehouse.testkit.anthropic;

/** A request the real Anthropic API would refuse: the status it answers with, and why. */
final class Refusal extends RuntimeException {

    private final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** A 400 {@code invalid_request_error}, Anthropic's answer to a malformed request. */
    static Refusal invalid(String message) {
        return new Refusal(400, message);
    }

    int status() {
        return status;
    }
}
