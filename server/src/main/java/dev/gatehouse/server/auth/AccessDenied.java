package dev.gatehouse.server.auth;

import dev.gatehouse.api.GatewayException;

/** Refusals of the key check, in OpenAI's error format. */
public final class AccessDenied {

    private AccessDenied() {}

    /**
     * No usable key: missing, malformed, unknown, revoked, expired or past its rotation grace
     * period. One message for all of them, so a caller learns nothing about which keys exist.
     */
    public static final class InvalidKey extends GatewayException.PolicyViolation {
        public InvalidKey(boolean missing) {
            super(missing
                    ? "No API key was given. Send it as 'Authorization: Bearer <key>'."
                    : "The API key is not valid. Check it, or ask your Gatehouse admin for a new one.", null);
        }

        @Override public int status() { return 401; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "invalid_api_key"; }
    }

    /** A valid key used outside its scope: another model, route or client address. */
    public static final class OutOfScope extends GatewayException.PolicyViolation {
        private final String code;

        public OutOfScope(String message, String param, String code) {
            super(message, param);
            this.code = code;
        }

        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return code; }
    }

    /** Keys can not be checked because the store is unreachable; refused rather than let through. */
    public static final class StoreUnavailable extends GatewayException.PolicyViolation {
        public StoreUnavailable() {
            super("Gatehouse can not check API keys right now; try again shortly.", null);
        }

        @Override public int status() { return 503; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "key_store_unavailable"; }
        @Override public boolean retryable() { return true; }
    }
}
