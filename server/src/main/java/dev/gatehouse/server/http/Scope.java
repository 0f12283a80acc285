package dev.gatehouse.server.http;

/**
 * The key's model scope: the model asked for must be one the key may use (403), and so must any
 * fallback routing reaches (one it may not use is skipped, as the caller could not have asked for
 * it directly). Then the route's own check against the model's deployments, so that a request
 * they would refuse is a 400 before it counts against any limit.
 */
final class Scope implements Stage {

    private final RequestAccess access;

    Scope(RequestAccess access) {
        this.access = access;
    }

    @Override
    public void run(ModelCall<?> call) {
        check(call);
        call.proceed();
    }

    private <R> void check(ModelCall<R> call) {
        access.checkModel(call.caller(), call.model(), call.incoming().request());
        call.context().trace().onlyModels(allowed -> access.mayUse(call.caller(), allowed));
        call.route().check().accept(call.request());
    }
}
