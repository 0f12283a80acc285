package dev.gatehouse.server.upstream;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * Where the server may open connections. Hosts whose deployments allow the private network
 * (a local vLLM or Ollama) may resolve to anything; every other host must resolve to public
 * addresses only, so that neither a configuration mistake nor a caller-supplied URL (an image
 * to fetch) reaches loopback, the private network or a cloud metadata service.
 */
public final class EgressPolicy {

    /** Resolves host names; replaceable in tests. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> privateNetworkHosts;
    private final Resolver resolver;

    public EgressPolicy(Set<String> privateNetworkHosts) {
        this(privateNetworkHosts, InetAddress::getAllByName);
    }

    public EgressPolicy(Set<String> privateNetworkHosts, Resolver resolver) {
        this.privateNetworkHosts = privateNetworkHosts.stream().map(h -> h.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /** Throws when a connection to {@code uri} is not allowed. */
    public void check(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new GatewayException.TransportFailure("refusing a connection without a host", null, false);
        }
        if (privateNetworkHosts.contains(host.toLowerCase(Locale.ROOT))) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new GatewayException.TransportFailure("could not resolve " + host, e, false);
        }
        for (InetAddress address : addresses) {
            if (!PublicAddresses.isPublic(address)) {
                throw new GatewayException.TransportFailure("refusing to connect to " + host + ": it resolves to a "
                        + "private or reserved address and allow_private_network is not set for it (on its deployment "
                        + "or guardrail webhook)", null, false);
            }
        }
    }
}
