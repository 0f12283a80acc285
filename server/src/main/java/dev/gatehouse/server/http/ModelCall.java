package dev.gatehouse.server.http;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.limit.Admission;
import dev.gatehouse.server.limit.Demand;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendTicket;
import dev.gatehouse.server.spend.Tokenizer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.CloseConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request on a model route: its {@link Exchange}, its spend ticket, and how it ended. Every
 * model handler runs its work through {@link #run}, so failures are answered the same way on
 * every route and every request that passed the key check leaves exactly one spend row.
 */
final class ModelCall {

    private static final System.Logger LOG = System.getLogger(ModelCall.class.getName());

    final Exchange exchange;
    final SpendTicket ticket;
    /** The request's context; its handler passes it to the gateway, and the response headers and spend row read its trace. */
    final RequestContext context = RequestContext.start();
    /** What routing did. */
    final RouteTrace trace = context.trace();
    /** Set by the handler once the answer has gone out whole. */
    boolean succeeded;
    /** Set when the caller went away before the answer was complete. */
    boolean callerGone;
    /** The request's share of its key's and team's limits, given back when it ends. */
    private Admission admission = Admission.NONE;

    private ModelCall(Exchange exchange, SpendTicket ticket) {
        this.exchange = exchange;
        this.ticket = ticket;
        exchange.trace(trace);
    }

    /** A call on {@code exchange}'s route, with its spend ticket (the row is named by the route and request id). */
    static ModelCall start(Exchange exchange, SpendLog spend) {
        return new ModelCall(exchange, spend.start(exchange.route(), exchange.requestId()));
    }

    /**
     * The last step before the upstream call on every model route: confines routing to the models
     * the key may use (a fallback it may not use is skipped), admits the request under its key's
     * and team's budgets and rate limits (or throws the refusal), puts the rate-limit headers on
     * the response, and marks the upstream as called. The demand is only worked out for a key or
     * team that has limits.
     */
    void admit(RequestAccess access, Caller caller, Supplier<Demand> demand) {
        // A fallback is another model: the key must be allowed it as if it had asked for it.
        trace.onlyModels(model -> access.mayUse(caller, model));
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            admission = access.limiter().admit(caller, demand, headers);
        } finally {
            headers.forEach(exchange::header);
        }
        ticket.upstreamCalled();
    }

    /**
     * What a chat request passes on both chat routes (OpenAI's and Anthropic's, translated) before
     * its upstream call: the request's own limits, its model noted for the spend row (with how to
     * count its prompt, should the provider not), the key's model scope, the fields its model's
     * deployments take, and admission. The ticket learns the model only once it is valid: a
     * refused request's row has no model.
     */
    void admitChat(ChatRequest request, Caller caller, ServerRequest req, RequestAccess access, RequestGuard guard,
            Gateway gateway) {
        guard.checkRequest(request);
        ticket.model(request.model());
        ticket.promptEstimate(() -> Tokenizer.prompt(request));
        access.checkModel(caller, request.model(), req);
        gateway.checkChatFields(request); // before admission: a refused field counts against no limit
        admit(access, caller, () -> Demand.chat(request, access.inputTokens()));
    }

    /**
     * Runs the handler's work: a {@link GatewayException} is answered in the route's error format,
     * anything else unexpected as a 500 without details; then the request's metrics and its spend
     * row are recorded. A caller gone mid-response ends the connection, as Helidon expects.
     */
    void run(Exchange.Work work) {
        try {
            work.run();
        } catch (GatewayException e) {
            exchange.fail(e);
        } catch (CloseConnectionException gone) {
            callerGone = true;
            throw gone;
        } catch (RuntimeException e) {
            exchange.failUnexpectedly(e);
        } finally {
            exchange.finish();
            ticket.deployment(trace.deployment());
            ticket.billedAttempts(trace.billableFailures());
            ticket.finish(exchange.status(), succeeded, callerGone);
            settle(); // after finish: the ticket has counted what the provider did not report
        }
    }

    /**
     * Charges the real cost and tokens (a stream's too, also when the caller left), with the input
     * of every attempt that failed after its upstream had the request. A request the upstream
     * refused with an error status spent nothing; one whose usage is unknown otherwise keeps its
     * reservation.
     */
    private void settle() {
        try {
            admission.settle(ticket.cost(), ticket.totalTokens(), succeeded || callerGone || exchange.status() < 400);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "settling the limits of request " + exchange.requestId() + " failed", e);
        }
    }
}
