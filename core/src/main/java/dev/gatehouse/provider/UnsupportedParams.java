package dev.gatehouse.provider;

import dev.gatehouse.api.GatewayException;

/**
 * What happens to a request parameter an upstream can not take: the request is refused with a
 * 400 naming the parameter, or, when the deployment drops unsupported parameters, the
 * parameter is left out. It is never passed over in silence.
 *
 * @param upstream the upstream's name in messages ({@code Anthropic}, {@code Bedrock}, …)
 * @param drop     whether the deployment drops parameters its upstream does not support
 */
public record UnsupportedParams(String upstream, boolean drop) {

    /** Refuses {@code param} with {@code why}, unless parameters are dropped. */
    public void reject(String param, String why) {
        if (!drop) {
            throw new GatewayException.BadRequest(
                    why + "; remove it, or let the deployment drop parameters " + upstream + " does not support",
                    param, "unsupported_parameter", null);
        }
    }

    /** A request the upstream would refuse whatever the deployment says. */
    public static GatewayException.BadRequest invalid(String param, String why) {
        return new GatewayException.BadRequest(why, param, "invalid_value", null);
    }
}
