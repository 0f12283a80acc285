package dev.gatehouse.testkit;

import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The base of every fake provider: a {@link FakeHttpServer} that records each request,
 * checks it the way the real API would, and answers with the next scripted {@link Reply}.
 *
 * <p>Strictness: a request the real API would refuse is answered with the provider's own
 * error (status 400 unless the check says otherwise) and recorded as a violation;
 * {@link #assertNoViolations()} then fails the test with the precise reason. A request that
 * arrives when nothing is scripted is a violation too.
 */
public abstract class FakeProvider implements AutoCloseable {

    /**
     * A request the real API would refuse: the status it would answer with, why, and where the
     * API's error names them, the field at fault and the error's code (null when it names none).
     */
    public record Violation(int status, String message, String param, String code) {
        public Violation(int status, String message) {
            this(status, message, null, null);
        }
    }

    private final FakeHttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private java.util.function.Consumer<RecordedRequest> otherwise;

    protected FakeProvider() {
        this.server = new FakeHttpServer(this::handle);
    }

    /** The base URL a deployment points at (the provider's API root on this fake). */
    public URI baseUrl() {
        return server.baseUrl();
    }

    /** The credential the fake accepts. */
    public String apiKey() {
        return "test-key-" + getClass().getSimpleName();
    }

    /** Queues a reply for the next request. */
    public synchronized FakeProvider enqueue(Reply reply) {
        script.addLast(reply);
        return this;
    }

    /**
     * Scripts the reply to a request that finds nothing scripted, by running {@code scripter}
     * (which enqueues one reply, such as {@code () -> fake.replyText("ok", usage)}): a fake that
     * answers any number of requests, for load tests. Explicitly queued replies still go first.
     */
    public synchronized FakeProvider otherwise(Runnable scripter) {
        this.otherwise = request -> scripter.run();
        return this;
    }

    /** As {@link #otherwise(Runnable)}, scripting by the request (a stream for a request that asks for one). */
    public synchronized FakeProvider otherwiseFor(java.util.function.Consumer<RecordedRequest> scripter) {
        this.otherwise = scripter;
        return this;
    }

    /** Connections open right now (for leak checks). */
    public int openConnections() {
        return server.openConnections();
    }

    /** How many requests were received, without copying them. */
    public synchronized int requestCount() {
        return requests.size();
    }

    /** How many streamed replies the client closed before their end (a cancelled stream). */
    public int abandonedStreams() {
        return server.abandonedStreams();
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The last request received; fails when there was none. */
    public synchronized RecordedRequest lastRequest() {
        if (requests.isEmpty()) {
            throw new AssertionError(name() + " received no request");
        }
        return requests.getLast();
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** Fails with every reason the fake refused a request for. */
    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError(name() + " refused what the real API would refuse:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private Reply handle(RecordedRequest request) {
        Reply next;
        synchronized (this) {
            requests.add(request);
            Optional<Violation> violation = check(request);
            if (violation.isPresent()) {
                violations.add(violation.get().message());
                return error(violation.get());
            }
            next = script.pollFirst();
            if (next == null && otherwise != null) {
                otherwise.accept(request);
                next = script.pollFirst();
            }
            if (next == null) {
                violations.add("no reply scripted for " + request.method() + " " + request.pathOnly());
                return error(500, "the fake has no reply scripted");
            }
        }
        return next;
    }

    /** The provider's name, for messages. */
    protected abstract String name();

    /** Checks a request as the real API would (path, auth, body); empty when it would accept it. */
    protected abstract Optional<Violation> check(RecordedRequest request);

    /** The provider's own error response for a status and message. */
    protected abstract Reply error(int status, String message);

    /** The provider's own error response for a violation; a fake whose API names the field overrides it. */
    protected Reply error(Violation violation) {
        return error(violation.status(), violation.message());
    }

    @Override
    public void close() {
        server.close();
    }
}
