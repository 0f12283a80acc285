package dev.gatehouse.server.http;

import dev.gatehouse.server.auth.Caller;

/**
 * The first stage: the caller's key, checked for the route's endpoint (401, 403, 503). From here
 * on the request has a spend row to leave: a request whose key was not accepted has none.
 */
final class Authenticate implements Stage {

    private final RequestAccess access;

    Authenticate(RequestAccess access) {
        this.access = access;
    }

    @Override
    public void run(ModelCall<?> call) {
        Caller caller = access.check(call.incoming().request(), call.route().endpoint());
        call.caller(caller);
        call.incoming().caller(caller);
        if (call.ticket() != null) {
            call.ticket().caller(caller);
        }
        call.proceed();
    }
}
