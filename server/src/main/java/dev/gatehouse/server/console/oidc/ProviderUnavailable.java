package dev.gatehouse.server.console.oidc;

/**
 * The identity provider could not be reached or answered something unusable (its discovery
 * document, its keys, its token endpoint): nobody is signed in, and the user may try again later.
 */
final class ProviderUnavailable extends Exception {

    private static final long serialVersionUID = 1L;

    ProviderUnavailable(String reason) {
        super(reason, null, false, false);
    }

    ProviderUnavailable(String reason, Throwable cause) {
        super(reason, cause, false, false);
    }
}
