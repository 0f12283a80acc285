package dev.gatehouse.server.admin;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.auth.AdminRole;
import java.util.List;

/** Refusals of the admin API, in OpenAI's error format like every other answer of Gatehouse. */
final class AdminErrors {

    private AdminErrors() {}

    /**
     * What the admin API's own failures mean to its caller: a value the handler refused (400), a
     * thing that does not exist (404), stored credentials without a master key (503); null for
     * anything else, which is a bug.
     */
    static GatewayException known(RuntimeException e) {
        return switch (e) {
            case IllegalArgumentException bad -> badRequest(bad.getMessage());
            case java.util.NoSuchElementException missing -> notFound(missing.getMessage());
            case dev.gatehouse.server.crypto.MasterKeyException noKey -> new NoMasterKey(noKey.getMessage());
            default -> null;
        };
    }

    /**
     * No usable admin key: missing, malformed, unknown or revoked. One message for all of them, so
     * a caller learns nothing about which admin keys exist.
     */
    static final class Unauthorized extends GatewayException.PolicyViolation {
        Unauthorized() {
            super("A valid admin key is required. Send it as 'Authorization: Bearer gtw_ak_...'.", null);
        }

        @Override public int status() { return 401; }
        @Override public String type() { return "invalid_request_error"; }
        @Override public String code() { return "invalid_admin_key"; }
    }

    /** A valid admin key whose role does not allow the action. */
    static final class Forbidden extends GatewayException.PolicyViolation {
        Forbidden(AdminRole has, List<AdminRole> needed) {
            super("This action needs an admin key with the role " + String.join(" or ",
                    needed.stream().map(AdminRole::wireName).toList()) + "; this admin key has the role "
                    + has.wireName() + ".", null);
        }

        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return "insufficient_role"; }
    }

    /**
     * A console session's call that changes state without the session's CSRF token: a page of
     * another origin can make the browser send the cookie, but can not read the token.
     */
    static final class CsrfRefused extends GatewayException.PolicyViolation {
        CsrfRefused() {
            super("This call changes state and needs the console session's CSRF token in the x-gatehouse-csrf"
                    + " header.", null);
        }

        @Override public int status() { return 403; }
        @Override public String type() { return "permission_error"; }
        @Override public String code() { return "csrf_token_invalid"; }
    }

    /** Stored credentials were asked for, but no master key is configured. */
    static final class NoMasterKey extends GatewayException.PolicyViolation {
        NoMasterKey(String message) {
            super(message, null);
        }

        @Override public int status() { return 503; }
        @Override public String type() { return "api_error"; }
        @Override public String code() { return "master_key_not_configured"; }
    }


    /** Caller error: 400 with the message, naming the field when the message starts with one. */
    static GatewayException.BadRequest badRequest(String message) {
        return new GatewayException.BadRequest(message, fieldOf(message));
    }

    static GatewayException.NotFound notFound(String message) {
        return new GatewayException.NotFound(message, null, "not_found", null);
    }

    /** The field a service message names first ("models: ..." or "max_budget must ..."), or null. */
    static String fieldOf(String message) {
        if (message == null) {
            return null;
        }
        int end = 0;
        while (end < message.length() && (Character.isLowerCase(message.charAt(end)) || message.charAt(end) == '_')) {
            end++;
        }
        if (end == 0 || end == message.length()) {
            return null;
        }
        String word = message.substring(0, end);
        return KeyJson.FIELDS.contains(word) || TeamJson.FIELDS.contains(word) || word.equals("grace_seconds") || word.equals("grace_period")
                || word.equals("value") || word.equals("role") ? word : null;
    }
}
