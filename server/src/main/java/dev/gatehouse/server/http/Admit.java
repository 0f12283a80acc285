package dev.gatehouse.server.http;

import dev.gatehouse.server.limit.Limiter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admits the request under its key's and team's budgets and rate limits (or throws the 429),
 * puts the rate-limit headers on the response, and marks the upstream as called. The demand is
 * worked out only for a key or team that has limits; a route without one (a token count) counts
 * as a request per minute only. What was reserved is settled when the request ends
 * ({@link Pipeline}).
 */
final class Admit implements Stage {

    private final Limiter limiter;

    Admit(Limiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void run(ModelCall<?> call) {
        admit(call);
        call.proceed();
    }

    private <R> void admit(ModelCall<R> call) {
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            var demand = call.route().demand();
            if (demand == null) {
                limiter.countRequest(call.caller(), headers);
            } else {
                R request = call.request();
                call.admission(limiter.admit(call.caller(), () -> demand.apply(request, limiter.tokenEstimator()),
                        headers));
            }
        } finally {
            headers.forEach(call::header);
        }
        if (call.ticket() != null) {
            call.ticket().upstreamCalled();
        }
    }
}
