package dev.gatehouse.provider.cohere;

import dev.gatehouse.api.GatewayException;

/**
 * What happens to a request parameter Cohere can not take: a 400 naming it, or, when the
 * deployment drops unsupported parameters, the parameter is left out. Never passed over in silence.
 */
record UnsupportedParams(boolean drop) {

    /** Refuses {@code param} with {@code why}, unless parameters are dropped. */
    void reject(String param, String why) {
        if (!drop) {
            throw new GatewayException.BadRequest(
                    why + "; remove it, or let the deployment drop parameters Cohere does not support",
                    param, "unsupported_parameter", null);
        }
    }

    /** A request Cohere would refuse whatever the deployment says. */
    static GatewayException.BadRequest invalid(String param, String why) {
        return new GatewayException.BadRequest(why, param, "invalid_value", null);
    }
}
