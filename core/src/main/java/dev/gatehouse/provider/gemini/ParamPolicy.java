package dev.gatehouse.provider.gemini;

import dev.gatehouse.api.GatewayException;

/**
 * What happens to a request parameter Gemini can not take: the request is refused with a 400
 * that names the parameter, or, when the deployment allows it ({@code dropParams}), the
 * parameter is left out. Never ignored without one or the other.
 */
record ParamPolicy(boolean dropParams) {

    /**
     * Refuses {@code param} unless parameters may be dropped; the caller leaves it out of the
     * Gemini request either way.
     *
     * @param param the parameter as the caller sent it ({@code user}, {@code messages[2].name}, …)
     * @param why   what Gemini lacks, for the message
     */
    void unsupported(String param, String why) {
        if (!dropParams) {
            throw new GatewayException.BadRequest("Gemini can not take '" + param + "': " + why
                    + ". Remove it, or let the deployment drop unsupported parameters (dropParams).", param);
        }
    }
}
