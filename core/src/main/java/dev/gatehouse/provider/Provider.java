package dev.gatehouse.provider;

/**
 * What every provider is: something the registry creates for a provider id. What it can do is
 * told by the operation interfaces it implements ({@link ChatProvider}, {@link EmbeddingProvider},
 * {@link ImageProvider}, {@link ImageEditProvider}, {@link RerankProvider}); one class may implement several.
 */
public interface Provider {

    /**
     * Whether this provider serves the operation. True when it implements the interface; a
     * provider that serves a family of upstreams (the OpenAI-compatible one) narrows it to the
     * upstreams that have the endpoint.
     */
    default boolean offers(Class<? extends Provider> operation) {
        return operation.isInstance(this);
    }
}
