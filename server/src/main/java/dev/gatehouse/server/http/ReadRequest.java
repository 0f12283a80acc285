package dev.gatehouse.server.http;

import dev.gatehouse.server.attribution.AttributionReader;

/**
 * Reads the request's attribution (its end user and tags, {@link AttributionReader}) and then the
 * request with its route's reader, which validates it, and checks the model name every route
 * shares. Only a valid request's facts reach the spend ticket: its model, and how to count its
 * prompt should the provider not report it; its attribution in {@link Attribute}.
 */
final class ReadRequest implements Stage {

    @Override
    public void run(ModelCall<?> call) {
        read(call);
        call.proceed();
    }

    /** Reads the request into {@code call}; again after a guardrail masked its body. */
    static <R> void read(ModelCall<R> call) {
        if (call.attribution() == null) {
            // Once, before the route's reader: it takes the body's metadata.tags out, which no API
            // the route speaks would accept; a body read again after a guardrail mask has none.
            Incoming incoming = call.incoming();
            call.attribution(AttributionReader.read(incoming.jsonIfDeclared(), incoming::header,
                    call.caller().key().metadata()));
        }
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
