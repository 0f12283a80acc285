package dev.gatehouse.provider;

import dev.gatehouse.api.RerankRequest;
import dev.gatehouse.api.RerankResponse;

/**
 * A provider that can also rerank documents (an optional capability, beside {@link ChatProvider}).
 * The request already names the upstream model; failures are
 * {@link dev.gatehouse.api.GatewayException}s.
 */
public interface RerankProvider extends Provider {

    RerankResponse rerank(RerankRequest request, Upstream upstream);
}
