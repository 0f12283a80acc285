package dev.gatehouse.server.http;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.TokenEstimator;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.server.limit.Limiter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Admits the request under its key's, team's and end user's budgets and rate limits (or throws the 429),
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
                limiter.countRequest(call.caller(), call.endUser(), headers);
            } else {
                R request = call.request();
                call.admission(limiter.admit(call.caller(), call.endUser(),
                        () -> demand.apply(request, countedOnce(limiter.tokenEstimator(), call.context())), headers));
            }
        } finally {
            headers.forEach(call::header);
        }
        if (call.ticket() != null) {
            call.ticket().upstreamCalled();
        }
    }

    /**
     * The estimator, with a chat request's count kept in the request's context: routing's
     * tokens-per-minute capacity asks for the same count and gets it without a second pass over
     * the request.
     */
    private static TokenEstimator countedOnce(TokenEstimator estimator, RequestContext context) {
        return new TokenEstimator() {
            @Override
            public int estimate(ChatRequest request) {
                return (int) context.inputTokens(() -> estimator.estimate(request));
            }

            @Override
            public long ofText(long characters) {
                return estimator.ofText(characters);
            }
        };
    }
}
