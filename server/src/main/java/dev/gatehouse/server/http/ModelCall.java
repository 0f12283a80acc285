package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.routing.RouteTrace;
import dev.gatehouse.server.spend.SpendLog;
import dev.gatehouse.server.spend.SpendTicket;
import io.helidon.webserver.CloseConnectionException;

/**
 * One request on a model route: its {@link Exchange}, its spend ticket, and how it ended. Every
 * model handler runs its work through {@link #run}, so failures are answered the same way on
 * every route and every request that passed the key check leaves exactly one spend row.
 */
final class ModelCall {

    final Exchange exchange;
    final SpendTicket ticket;
    /** What routing did; its handler passes it to the gateway, and the response headers and spend row read it. */
    final RouteTrace trace = new RouteTrace();
    /** Set by the handler once the answer has gone out whole. */
    boolean succeeded;
    /** Set when the caller went away before the answer was complete. */
    boolean callerGone;

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
            ticket.finish(exchange.status(), succeeded, callerGone);
        }
    }
}
