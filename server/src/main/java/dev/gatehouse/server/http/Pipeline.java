package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.telemetry.RequestSummary;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Team;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendTicket;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * Serves every model route the same way, in one place and in this order:
 * authenticate → read and validate → attribute → scope → guard → cache lookup → admit → call → write → settle
 * and record.
 *
 * <p>The stages up to the call are {@link Stage}s in a list; a stage added to it applies to every
 * route. Whatever happens, the request ends here: a failure is answered in the route's error
 * format ({@link Exchange#run}), its metrics are recorded, its spend row is written (once, for a
 * caller whose key was accepted) and what admission reserved is settled against what it really
 * used. docs/architecture.md draws the whole path.
 */
public final class Pipeline {

    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final Gateway gateway;
    private final Telemetry telemetry;
    private final SpendLog spend;
    private final RequestBody body;
    private final RequestGuard guard;
    private final RequestAccess access;
    private final Guard guardrails;
    private final List<Stage> stages;
    private final CacheLookup cacheLookup;

    /**
     * {@code guardrails} check the routes that declare them, after scope; {@code cacheLookup} answers
     * repeats from the response cache after the guardrails and before admission.
     */
    public Pipeline(Gateway gateway, Telemetry telemetry, SpendLog spend, RequestAccess access, ServerSettings settings,
            Guard guardrails, CacheLookup cacheLookup) {
        this.gateway = gateway;
        this.cacheLookup = cacheLookup;
        this.telemetry = telemetry;
        this.spend = spend;
        this.access = access;
        this.body = new RequestBody(settings.maxBodyBytes());
        this.guard = new RequestGuard(settings.maxMessages());
        this.guardrails = guardrails;
        this.stages = stages((incoming, endpoint) -> access.check(incoming.request(), endpoint));
    }

    private List<Stage> stages(CallerCheck who) {
        return List.of(new Authenticate(who), new ReadRequest(), new Accepted(who), new Attribute(access.endUsers()),
                new Scope(access), guardrails, cacheLookup, new Admit(access.limiter()));
    }

    /** Serves one request on {@code route}, from the caller whose key is in its headers. */
    public <R> void serve(ModelRoute<R> route, ServerRequest req, ServerResponse res) {
        serve(route, req, res, stages);
    }

    /**
     * Serves one request on {@code route} as the caller {@code who} names, through the same stages
     * with {@code who} in place of the key in the headers: the same scope, limits, spend row and
     * answer as that key's own request would get.
     */
    public <R> void serve(ModelRoute<R> route, ServerRequest req, ServerResponse res, CallerCheck who) {
        serve(route, req, res, stages(who));
    }

    private <R> void serve(ModelRoute<R> route, ServerRequest req, ServerResponse res, List<Stage> stages) {
        Exchange exchange = new Exchange(req, res, route.name(), telemetry).errorFormat(route.errors());
        SpendTicket ticket = route.recorded() ? spend.start(route.name(), exchange.requestId()) : null;
        ModelCall<R> call = new ModelCall<>(route, exchange, telemetry, stages, new Incoming(req, body, guard), ticket,
                gateway.call(exchange.context()));
        // Settled before the last write when the answer is complete; in the end otherwise (the caller left).
        exchange.beforeLastWrite(() -> end(call));
        exchange.run(() -> {
            call.proceed();
            write(call);
        }, e -> null, () -> end(call));
    }

    private static void write(ModelCall<?> call) {
        switch (call.answer()) {
            case Answer.Whole whole -> {
                if (call.ticket() != null) {
                    whole.spent().accept(call.ticket());
                }
                call.succeeded(true);
                call.exchange().sendJson(200, whole.body());
            }
            case Answer.Streamed<?> streamed -> relay(call, streamed);
        }
    }

    private static <T> void relay(ModelCall<?> call, Answer.Streamed<T> streamed) {
        SseRelay.relay(call, streamed.events(), streamed.encoder());
    }

    /**
     * The request's spend row, then the settlement of its limits, once: the real cost and tokens are
     * charged (a stream's too, also when the caller left), with the input of every attempt that
     * failed after its upstream had the request. A request the upstream refused with an error
     * status spent nothing; one whose usage is unknown otherwise keeps its reservation.
     */
    private static void end(ModelCall<?> call) {
        if (!call.ended()) {
            return;
        }
        Exchange exchange = call.exchange();
        boolean gone = call.isCallerGone() || exchange.callerWentAway();
        SpendTicket ticket = call.ticket();
        if (ticket != null) {
            RouteTrace trace = call.context().trace();
            ticket.deployment(trace.deployment());
            ticket.billedAttempts(trace.billableFailures());
            ticket.finish(exchange.status(), call.succeeded(), gone);
        }
        exchange.modelRequest(summary(call, call.context().trace(), ticket));
        try {
            // After finish: the ticket has counted what the provider did not report.
            call.admission().settle(ticket == null ? null : ticket.cost(), ticket == null ? null : ticket.totalTokens(),
                    call.succeeded() || gone || exchange.status() < 400);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "settling the limits of request " + exchange.requestId() + " failed", e);
        }
    }

    /** What the model route did, for the observers: the caller, the routing, the usage and cost the ticket counted. */
    private static RequestSummary.ModelRequest summary(ModelCall<?> call, RouteTrace trace, SpendTicket ticket) {
        Caller caller = call.caller();
        return new RequestSummary.ModelRequest(caller == null ? null : caller.keyId(),
                caller == null ? null : caller.team().map(Team::id).orElse(null), call.model(), trace.deployment(),
                trace.attempts(), trace.failures(), trace.fallback(), ticket == null ? null : ticket.usage(),
                ticket == null ? null : ticket.cost(), call.cache(), call.answer() instanceof Answer.Streamed<?>, call.genAi());
    }
}
