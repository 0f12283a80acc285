package dev.gatehouse.server.http;

/**
 * Reads the request with its route's reader, which validates it, and checks the model name every
 * route shares. Only a valid request's facts reach the spend ticket: its model, and how to count
 * its prompt should the provider not report it.
 */
final class ReadRequest implements Stage {

    @Override
    public void run(ModelCall<?> call) {
        read(call);
        call.proceed();
    }

    /** Reads the request into {@code call}; again after a guardrail masked its body. */
    static <R> void read(ModelCall<R> call) {
        ModelRoute<R> route = call.route();
        R request = route.reader().read(call.incoming());
        String model = route.model().apply(request);
        RequestGuard.checkModel(model);
        call.request(request, model);
        if (call.ticket() != null) {
            call.ticket().model(model);
            if (route.prompt() != null) {
                call.ticket().promptEstimate(() -> route.prompt().applyAsInt(request));
            }
        }
    }
}
