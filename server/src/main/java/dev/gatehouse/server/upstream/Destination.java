package dev.gatehouse.server.upstream;

import java.net.URI;
import java.util.Locale;

/**
 * Where a connection goes: the pool keeps idle connections per destination. {@code host} is as
 * the URI writes it (an IPv6 literal in brackets), {@code port} the scheme's default when the
 * URI names none.
 */
record Destination(boolean tls, String host, int port) {

    /** The destination of {@code uri}; an http or https URI with a host (the egress policy checked the host). */
    static Destination of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("not an http or https URI: " + scheme);
        };
        int port = uri.getPort();
        return new Destination(tls, uri.getHost().toLowerCase(Locale.ROOT), port == -1 ? defaultPort(tls) : port);
    }

    private static int defaultPort(boolean tls) {
        return tls ? 443 : 80;
    }

    /** The {@code Host} header's value: the port only when it is not the scheme's default (RFC 9110 section 7.2). */
    String hostHeader() {
        return port == defaultPort(tls) ? host : host + ":" + port;
    }

    /** The host name to resolve and connect to: an IPv6 literal without its brackets. */
    String socketHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** True for an IP address literal, which TLS's server name indication must not carry (RFC 6066 section 3). */
    boolean isAddressLiteral() {
        if (host.startsWith("[")) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }
}
