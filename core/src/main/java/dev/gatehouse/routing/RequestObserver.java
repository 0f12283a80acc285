package dev.gatehouse.routing;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.UpstreamObserver;
import dev.gatehouse.provider.Deployment;

/**
 * Hears one request's routing attempts as they happen, for traces: a server makes a span of each
 * attempt, with a child span per upstream call. It belongs to the request's
 * {@link RequestContext}; called on the request's thread; must not throw, and costs nothing when
 * nobody listens ({@link #NONE}).
 */
public interface RequestObserver {

    RequestObserver NONE = (deployment, number) -> AttemptObserver.NONE;

    /** Attempt number {@code number} (from 1) of the request is sent to {@code deployment}. */
    AttemptObserver attempt(Deployment deployment, int number);

    /** One attempt, from its start to its end (a stream's end, for a stream). */
    interface AttemptObserver extends UpstreamObserver {

        AttemptObserver NONE = new AttemptObserver() {};

        @Override
        default Call started(dev.gatehouse.http.UpstreamRequest request) {
            return Call.NONE;
        }

        /** The attempt failed with {@code error}; {@link #end} follows. */
        default void failed(GatewayException error) {}

        /** The attempt is over. Called once. */
        default void end() {}
    }
}
