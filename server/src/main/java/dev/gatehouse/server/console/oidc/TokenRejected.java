package dev.gatehouse.server.console.oidc;

/**
 * An ID token that must not sign anyone in, with the reason in a few words: fit for the audit
 * log and the server's log, never holding the token or a claim's value.
 */
final class TokenRejected extends Exception {

    private static final long serialVersionUID = 1L;

    TokenRejected(String reason) {
        super(reason, null, false, false);
    }

    String reason() {
        return getMessage();
    }
}
