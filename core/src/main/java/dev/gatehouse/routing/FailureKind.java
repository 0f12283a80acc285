package dev.gatehouse.routing;

/** How a group's attempts ended without an answer, which decides the fallback list to use. */
enum FailureKind {
    /** Retryable failures (5xx, 429, timeouts, a refused credential): try again, then the general fallbacks. */
    RETRYABLE,
    /** The prompt is too long for the model: its context-window fallbacks. */
    CONTEXT_WINDOW,
    /** The provider's content filter refused it: its content-policy fallbacks. */
    CONTENT_POLICY,
    /** Would fail the same way anywhere (a 400, a 404): to the caller. */
    FINAL
}
