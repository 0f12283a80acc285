package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;

/**
 * One try of a request on one deployment, as the router hands it to the call that does the
 * work. A call that returns before its work is over (a stream, which goes on after its first
 * chunk) {@link #detach detaches} it and calls {@link #done} when it really ends, so that the
 * deployment counts as busy until then.
 */
public final class Attempt {

    private final Deployment deployment;
    private final RequestContext context;
    private final Tracking tracking;
    private final RequestObserver.AttemptObserver observer;
    private boolean detached;
    private boolean done;
    private long tokens = -1;

    Attempt(Deployment deployment, RequestContext context, Tracking tracking,
            RequestObserver.AttemptObserver observer) {
        this.deployment = deployment;
        this.context = context;
        this.tracking = tracking;
        this.observer = observer;
    }

    /** The deployment to call, its timeouts already bounded by the request's deadline. */
    public Deployment deployment() {
        return deployment;
    }

    /** The request the attempt is for: its trace and the clock of its time upstream. */
    public RequestContext context() {
        return context;
    }

    /** Who hears this attempt's upstream calls (a server's trace spans); silent unless the request has an observer. */
    public RequestObserver.AttemptObserver observer() {
        return observer;
    }

    /** Keeps the attempt open after the call returns, until {@link #done}. */
    public Attempt detach() {
        detached = true;
        return this;
    }

    boolean detached() {
        return detached;
    }

    /** The tokens the request really used, for the deployment's tpm count. */
    public void usedTokens(long value) {
        tokens = value;
    }

    /** Ends the attempt: the deployment is no longer busy with it. Idempotent. */
    public void done() {
        if (!done) {
            done = true;
            tracking.release(tokens);
            observer.end();
        }
    }

    /**
     * A failure after the call had returned (a stream broken midway): counted against the
     * deployment, never retried (the caller has had part of the answer).
     */
    public void failedMidway(GatewayException error) {
        observer.failed(error);
        tracking.failedMidway(error);
    }
}
