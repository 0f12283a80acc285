package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.wire.ErrorText;
import dev.gatehouse.json.Json;
import dev.gatehouse.routing.RequestContext;
import dev.gatehouse.server.telemetry.RequestSummary;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One request as the server handles it: its id, its clock, and the headers every response
 * carries — {@code x-request-id} and {@code x-gatehouse-overhead-ms}, the time spent in
 * Gatehouse itself (total minus upstream) up to the moment the response starts.
 */
public final class Exchange {

    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
    private static final Pattern CALLER_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
    static final String JSON = "application/json";

    private final ServerResponse response;
    private final String route;
    private final Telemetry telemetry;
    private final String requestId;
    private final long start = System.nanoTime();
    private final String clientAddress;
    private final Telemetry.Observation observation;
    private int status = 200;
    private ErrorFormat errorFormat = ErrorFormat.OPENAI;
    /** Made when a route asks for it: only model routes route and call upstreams. */
    private RequestContext context;
    private boolean callerWentAway;
    private boolean finished;
    private String errorType;
    private Long firstTokenNanos;
    private RequestSummary.ModelRequest modelRequest;
    private Runnable beforeLastWrite;

    public Exchange(ServerRequest request, ServerResponse response, String route, Telemetry telemetry) {
        String given = request.headers().value(HeaderNames.create("x-request-id")).orElse("");
        this.requestId = CALLER_ID.matcher(given).matches() ? given : newRequestId();
        this.response = response;
        this.route = route;
        this.telemetry = telemetry;
        this.clientAddress = request.remotePeer().host();
        this.observation = telemetry.begin(name -> request.headers().value(HeaderNames.create(name)).orElse(null),
                route, requestId);
        response.header("x-request-id", requestId);
    }

    /**
     * A random (version 4) UUID from the thread's non-cryptographic generator: a request id only
     * tells requests apart, and callers may choose their own. {@link UUID#randomUUID()} draws from
     * the shared SecureRandom, which took about 2 % of the request path's CPU under load
     * (docs/benchmarks.md).
     */
    private static String newRequestId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * Writes failures in another API's format than OpenAI's (the default); Anthropic's also puts
     * the request id in a {@code request-id} header, as Anthropic's answers carry it.
     */
    Exchange errorFormat(ErrorFormat format) {
        this.errorFormat = format;
        if (format == ErrorFormat.ANTHROPIC) {
            response.header("request-id", requestId);
        }
        return this;
    }

    /**
     * The request's context (its deadline, what routing did, its time upstream), counted from the
     * request's arrival. What routing did is told in the response headers.
     */
    RequestContext context() {
        if (context == null) {
            context = RequestContext.startedAt(start).observer(observation.span());
        }
        return context;
    }

    /** Whether the caller went away before the answer was complete (the connection is being closed). */
    boolean callerWentAway() {
        return callerWentAway;
    }

    /** The route's name in metrics and spend rows. */
    String route() {
        return route;
    }

    public String requestId() {
        return requestId;
    }

    long startNanos() {
        return start;
    }

    /** A stream's first event went out {@code nanos} after the request arrived. */
    void firstToken(long nanos) {
        this.firstTokenNanos = nanos;
    }

    /** What the model route did, told to the observers when the request ends. */
    void modelRequest(RequestSummary.ModelRequest value) {
        this.modelRequest = value;
    }

    /** The status sent, or to be sent (200 until a response starts). */
    int status() {
        return status;
    }

    /** Adds a header to the response (before it starts). */
    void header(String name, String value) {
        response.header(name, value);
    }

    /**
     * Runs {@code settle} once, just before the answer's last bytes go out (a whole body, a
     * stream's end, an error), with the status known. What a request holds (a concurrency slot)
     * must be free by the time its caller has the whole answer: a caller that sends its next
     * request at once must not find its own finished one still in flight.
     */
    void beforeLastWrite(Runnable settle) {
        this.beforeLastWrite = settle;
    }

    /** The answer is complete but for its last write: runs the {@link #beforeLastWrite} hook, once. */
    void lastWrite() {
        Runnable hook = beforeLastWrite;
        if (hook != null) {
            beforeLastWrite = null;
            hook.run();
        }
    }

    /** Sets the overhead header and the status; call just before the response starts. */
    void begin(int status, String contentType) {
        this.status = status;
        long overhead = Math.max(0, System.nanoTime() - start - upstreamNanos());
        response.header("x-gatehouse-overhead-ms", millis(overhead));
        if (context != null) {
            RoutingHeaders.write(context.trace(), response);
        }
        response.header(HeaderNames.CONTENT_TYPE, contentType);
        response.status(Status.create(status));
    }

    /** Nanoseconds as milliseconds with three decimals, without a formatter on every response. */
    static String millis(long nanos) {
        long micros = nanos / 1_000;
        String fraction = Long.toString(1_000 + micros % 1_000).substring(1);
        return (micros / 1_000) + "." + fraction;
    }

    public void sendJson(int status, JsonNode body) {
        byte[] bytes = Json.bytes(body);
        begin(status, JSON);
        lastWrite();
        response.send(bytes);
    }

    /** A whole body of bytes (a file of the console). */
    public void sendBytes(int status, String contentType, byte[] body) {
        begin(status, contentType);
        lastWrite();
        response.send(body);
    }

    public void sendText(String contentType, String body) {
        begin(200, contentType);
        lastWrite();
        response.send(body);
    }

    /** The response body, written as it goes (the response must have {@link #begin begun}). */
    OutputStream outputStream() {
        return response.outputStream();
    }

    /** Writes a streamed answer's body. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * A 200 whose body {@code writer} writes as it goes (an export), never held whole in memory.
     * A failure once it has started can not become an error status: the connection is closed
     * without the body's last chunk, so the client sees the answer is incomplete instead of
     * taking a cut export for a whole one.
     */
    public void sendStreamed(String contentType, BodyWriter writer) {
        begin(200, contentType);
        OutputStream out = response.outputStream();
        try {
            writer.writeTo(out);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request " + requestId + " on " + route + ": the streamed answer"
                    + " failed after it started; closing the connection", e);
            throw new CloseConnectionException("the streamed answer failed", e);
        }
        try {
            out.close();
        } catch (IOException e) {
            throw new CloseConnectionException("the caller went away", e);
        }
    }

    /** Answers with the failure in the route's error format (OpenAI's unless the route says otherwise). */
    public void fail(GatewayException error) {
        if (error instanceof GatewayException.RateLimited limited) {
            limited.retryAfter().ifPresent(after ->
                    response.header("retry-after", Long.toString(Math.max(1, after.toSeconds()))));
        }
        errorType = error.type();
        int code = errorFormat.status(error);
        if (code >= 500) {
            LOG.log(System.Logger.Level.WARNING, () -> "request " + requestId + " on " + route + " failed: " + code
                    + " " + ErrorText.message(error.getMessage())
                    + error.upstreamBody().map(b -> "; upstream said: " + ErrorText.message(b)).orElse(""));
        }
        sendJson(code, errorFormat.body(error, requestId));
    }

    /** An unexpected failure: logged with its stack trace, answered without details. */
    public void failUnexpectedly(RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, "request " + requestId + " on " + route + " failed unexpectedly", e);
        fail(new ServerErrors.Internal(requestId));
    }

    /**
     * The one error funnel, for every route and the admin API: runs a handler's work; a
     * {@link GatewayException} is answered in the route's error format, anything else unexpected
     * as a 500 without details; the request's metrics are recorded at the end. A caller that went
     * away mid-response ends the connection, as Helidon expects.
     */
    public void run(Work work) {
        run(work, e -> null, () -> {});
    }

    /** As {@link #run(Work)}; {@code known} turns the route's own failures into the answers they mean (null: a bug). */
    public void run(Work work, Function<RuntimeException, GatewayException> known) {
        run(work, known, () -> {});
    }

    /** As {@link #run(Work)}, then {@code last}, whatever happened (a model request's spend row and settlement). */
    void run(Work work, Function<RuntimeException, GatewayException> known, Runnable last) {
        try {
            work.run();
        } catch (GatewayException e) {
            fail(e);
        } catch (CloseConnectionException gone) {
            callerWentAway = true;
            throw gone;
        } catch (RuntimeException e) {
            GatewayException meant = known.apply(e);
            if (meant != null) {
                fail(meant);
            } else {
                failUnexpectedly(e);
            }
        } finally {
            try {
                last.run();
            } finally {
                finish();
            }
        }
    }

    /** What a handler does with the request once its exchange exists. */
    @FunctionalInterface
    public interface Work {
        void run();
    }

    /** Time spent on upstreams so far. */
    private long upstreamNanos() {
        return context == null ? 0 : context.upstream().nanos();
    }

    /** Tells the observers (metrics, access log, trace) what the request did, once it is done. Once. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        long total = System.nanoTime() - start;
        long upstream = upstreamNanos();
        telemetry.finished(observation, new RequestSummary(requestId, route, status, clientAddress, total, upstream,
                firstTokenNanos, errorType, modelRequest));
    }
}
