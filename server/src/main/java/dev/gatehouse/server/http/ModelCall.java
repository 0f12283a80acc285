package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.GatewayCall;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.server.attribution.Attribution;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.limit.Admission;
import dev.gatehouse.server.limit.EndUserLimits;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.telemetry.GenAiFacts;
import dev.gatehouse.server.telemetry.Telemetry;
import dev.gatehouse.server.spend.SpendTicket;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One request on a model route as it goes through the {@link Pipeline}: its route, its exchange,
 * its context, and what the stages learnt so far (the caller, the valid request, the admission,
 * the answer). Used by one request's thread; nothing in it outlives the request.
 */
public final class ModelCall<R> {

    private final ModelRoute<R> route;
    private final Exchange exchange;
    private final Telemetry telemetry;
    private final List<Stage> stages;
    private final Incoming incoming;
    private final SpendTicket ticket;
    private final GatewayCall gateway;
    private final GenAiFacts genAi = new GenAiFacts();
    private int next;
    private Caller caller;
    private R request;
    private String model;
    private Admission admission = Admission.NONE;
    private Attribution attribution;
    private EndUserLimits endUser;
    private Answer answer;
    private boolean succeeded;
    private boolean callerGone;
    private boolean ended;
    private String cache;
    private CachedEmbeddings cachedEmbeddings;
    private UnaryOperator<ObjectNode> toKeep =
            UnaryOperator.identity();

    ModelCall(ModelRoute<R> route, Exchange exchange, Telemetry telemetry, List<Stage> stages, Incoming incoming,
            SpendTicket ticket, GatewayCall gateway) {
        this.route = route;
        this.exchange = exchange;
        this.telemetry = telemetry;
        this.stages = stages;
        this.incoming = incoming;
        this.ticket = ticket;
        this.gateway = gateway;
    }

    /** Runs the next stage; after the last one, the route's call. */
    public void proceed() {
        if (next < stages.size()) {
            stages.get(next++).run(this);
        } else {
            answer = route.call().call(this, request);
        }
    }

    public ModelRoute<R> route() {
        return route;
    }

    /** The gateway's operations for this request, with its context. */
    public GatewayCall gateway() {
        return gateway;
    }

    public RequestContext context() {
        return gateway.context();
    }

    /** The request's spend row in the making; null on a route that records none. */
    public SpendTicket ticket() {
        return ticket;
    }

    /** The authenticated caller; null before authentication. */
    public Caller caller() {
        return caller;
    }

    /** The valid request; null before it is read. */
    public R request() {
        return request;
    }

    /** The public model name the valid request asks for; null before it is read. */
    public String model() {
        return model;
    }

    /** The answer to write; null until the route's call has made it. */
    public Answer answer() {
        return answer;
    }

    /** Adds a header to the response, before it starts. */
    public void header(String name, String value) {
        exchange.header(name, value);
    }

    public String requestId() {
        return exchange.requestId();
    }

    Incoming incoming() {
        return incoming;
    }

    Exchange exchange() {
        return exchange;
    }

    Metrics metrics() {
        return telemetry.metrics();
    }

    /** What the GenAI conventions record of the request and its answer, filled in by the route's steps. */
    public GenAiFacts genAi() {
        return genAi;
    }

    void caller(Caller value) {
        this.caller = value;
    }

    void request(R value, String modelName) {
        this.request = value;
        this.model = modelName;
    }

    Admission admission() {
        return admission;
    }

    /** The request's end user and tags; null before the request is read. */
    public Attribution attribution() {
        return attribution;
    }

    void attribution(Attribution value) {
        this.attribution = value;
    }

    /** The end user the limits hold the request to; null when it names none. */
    EndUserLimits endUser() {
        return endUser;
    }

    void endUser(EndUserLimits value) {
        this.endUser = value;
    }

    void admission(Admission value) {
        this.admission = value;
    }

    boolean succeeded() {
        return succeeded;
    }

    void succeeded(boolean value) {
        this.succeeded = value;
    }

    /** True the first time it is asked: the request's accounting runs once. */
    boolean ended() {
        if (ended) {
            return false;
        }
        ended = true;
        return true;
    }

    /** The answer, made by a stage instead of the route's call (a cache hit). */
    void answer(Answer value) {
        this.answer = value;
    }

    /**
     * The cache's part in an embeddings request whose model is cached, with some inputs unknown:
     * the route sends only those upstream. Empty otherwise.
     */
    public java.util.Optional<CachedEmbeddings> cachedEmbeddings() {
        return java.util.Optional.ofNullable(cachedEmbeddings);
    }

    void cachedEmbeddings(CachedEmbeddings value) {
        this.cachedEmbeddings = value;
    }

    /**
     * What a route that keeps its answer for later (the Responses API's store) keeps of
     * {@code answer}: the answer itself, or a copy the guardrails have checked when they check
     * answers, so that a secret the model wrote is never stored or sent back in a later turn.
     */
    public ObjectNode toKeep(ObjectNode answer) {
        return toKeep.apply(answer);
    }

    void toKeep(UnaryOperator<ObjectNode> value) {
        this.toKeep = value;
    }

    /** What the response cache did ({@code hit}, {@code miss}, {@code bypass}); null when no cache applies. */
    String cache() {
        return cache;
    }

    void cache(String value) {
        this.cache = value;
    }

    boolean isCallerGone() {
        return callerGone;
    }

    void callerGone() {
        this.callerGone = true;
    }
}
