package dev.gatehouse.server.http;

import dev.gatehouse.server.auth.Caller;

/**
 * The first stage: the caller's key, checked for the route's endpoint (401, 403, 503): the one in
 * the request's headers, or the one a {@link CallerCheck} of the route's server names. From here
 * on the request has a spend row to leave: a request whose key was not accepted has none.
 */
final class Authenticate implements Stage {

    private final CallerCheck check;

    Authenticate(CallerCheck check) {
        this.check = check;
    }

    @Override
    public void run(ModelCall<?> call) {
        Caller caller = check.check(call.incoming(), call.route().endpoint());
        call.caller(caller);
        call.incoming().caller(caller);
        if (call.ticket() != null) {
            call.ticket().caller(caller);
        }
        call.proceed();
    }
}
