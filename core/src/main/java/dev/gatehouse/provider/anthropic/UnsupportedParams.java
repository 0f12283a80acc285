package dev.gatehouse.provider.anthropic;

import dev.gatehouse.api.GatewayException;

/**
 * What happens to a request parameter Anthropic can not take: the request is refused with a
 * 400 naming the parameter, or, when the deployment drops unsupported parameters, the
 * parameter is left out. It is never passed over in silence.
 */
record UnsupportedParams(boolean drop) {

    /** Refuses {@code param} with {@code why}, unless parameters are dropped. */
    void reject(String param, String why) {
        if (!drop) {
            throw new GatewayException.BadRequest(
                    why + "; remove it, or let the deployment drop parameters Anthropic does not support",
                    param, "unsupported_parameter", null);
        }
    }

    /** A request Anthropic would refuse whatever the deployment says. */
    static GatewayException.BadRequest invalid(String param, String why) {
        return new GatewayException.BadRequest(why, param, "invalid_value", null);
    }
}
