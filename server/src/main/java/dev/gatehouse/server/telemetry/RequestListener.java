package dev.gatehouse.server.telemetry;

/** Hears every request once it is answered: the access log, the metrics. Must not throw; must not block long. */
@FunctionalInterface
public interface RequestListener {

    void finished(RequestSummary summary);
}
