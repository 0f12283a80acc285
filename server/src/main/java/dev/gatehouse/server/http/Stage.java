package dev.gatehouse.server.http;

/**
 * One step every model request goes through, in the {@link Pipeline}'s order: it does its part
 * and calls {@link ModelCall#proceed()} to hand the request to the next stage, or returns (or
 * throws) to end it there. Code after {@code proceed()} sees the answer
 * ({@link ModelCall#answer()}) before it is written. A stage added to the pipeline applies to
 * every model route.
 */
@FunctionalInterface
public interface Stage {

    void run(ModelCall<?> call);
}
