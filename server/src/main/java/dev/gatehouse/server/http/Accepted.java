package dev.gatehouse.server.http;

/**
 * After {@link ReadRequest}: tells the request's {@link CallerCheck} which model the accepted
 * request asks for (the playground audits its use then, not for a body the route refused).
 */
final class Accepted implements Stage {

    private final CallerCheck check;

    Accepted(CallerCheck check) {
        this.check = check;
    }

    @Override
    public void run(ModelCall<?> call) {
        check.accepted(call.caller(), call.model());
        call.proceed();
    }
}
