package dev.gatehouse.routing;

import dev.gatehouse.provider.Deployment;

/** What this instance knows of a deployment right now, for a {@link Strategy} to score it by. */
interface DeploymentSignals {

    /** Requests in flight to it on this instance. */
    int inFlight(Deployment deployment);

    /** Its moving average of latency in milliseconds; NaN before its first success. */
    double latencyMillis(Deployment deployment);

    /** The fraction of the current minute's requests and tokens left, the smaller of the two; 1 when unlimited. */
    double headroom(Deployment deployment);

    /** Its price per million tokens, input plus output; positive infinity when unknown. */
    double pricePerMillion(Deployment deployment);
}
