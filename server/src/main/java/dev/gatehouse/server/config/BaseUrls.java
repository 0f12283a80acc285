package dev.gatehouse.server.config;

import dev.gatehouse.http.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks an upstream base URL and tells whether its host is on a private network. Nothing here
 * resolves a name: the file is checked as written, and the egress policy checks the addresses
 * a name resolves to when a call is made.
 */
final class BaseUrls {

    /** A checked base URL: its host in lower case, and whether that host is private. */
    record Endpoint(URI uri, String host, boolean privateHost, boolean plainHttp) {}

    /** A host whose last label is a number is an IPv4 address to URL parsers (WHATWG URL, "ends in a number"). */
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9a-fA-F]*");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    private BaseUrls() {}

    /**
     * The endpoint, or null after recording why the URL can not be used. Messages name the host at
     * most, never the whole URL: a URL may carry user information or a key in its query.
     */
    static Endpoint check(Located at, String url, Findings findings) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            findings.problem(at, "not a valid URL");
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http"))) {
            findings.problem(at, "must be an https:// (or, on a private network, http://) URL");
            return null;
        }
        if (uri.getRawUserInfo() != null) {
            findings.problem(at, "must not contain a user name or password; credentials belong in api_key");
            return null;
        }
        if (uri.getHost() == null) {
            findings.problem(at, "has no valid host name");
            return null;
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            findings.problem(at, "must not have a query (?…) or fragment (#…); credentials belong in api_key");
            return null;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        Boolean isPrivate = isPrivate(bare);
        if (isPrivate == null) {
            findings.problem(at, "host '" + host + "' is an address that can be read in more than one way; write an"
                    + " IPv4 address as four decimal numbers (such as 10.0.0.5), so that there is no doubt where"
                    + " calls go");
            return null;
        }
        // Providers append their paths to the base URL: a trailing slash would double a slash.
        String normal = url;
        while (normal.endsWith("/")) {
            normal = normal.substring(0, normal.length() - 1);
        }
        return new Endpoint(URI.create(normal), host, isPrivate, scheme.equals("http"));
    }

    /** Whether a host (without IPv6 brackets) is private; null for an address that is not plainly written. */
    static Boolean isPrivate(String host) {
        if (host.contains(":")) {
            InetAddress address = literal(host);
            return address == null ? null : !PublicAddresses.isPublic(address);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (NUMERIC_LABEL.matcher(name.substring(name.lastIndexOf('.') + 1)).matches()) {
            // 127.1, 0x7f.1 and 2130706433 all reach loopback on some resolvers; only a dotted quad is plain.
            if (!DOTTED_QUAD.matcher(name).matches()) {
                return null;
            }
            String[] parts = name.split("\\.");
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                int part = Integer.parseInt(parts[i]);
                if (part > 255) {
                    return null;
                }
                bytes[i] = (byte) part;
            }
            try {
                return !PublicAddresses.isPublic(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an address", e);
            }
        }
        return isPrivateName(name);
    }

    /**
     * Names that can only mean a machine on a private network: localhost, single-label names
     * (a Docker Compose service such as {@code ollama}) and the suffixes reserved for private use.
     */
    private static boolean isPrivateName(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || !name.contains(".")
                || name.endsWith(".internal") || name.endsWith(".local") || name.endsWith(".home.arpa");
    }

    private static InetAddress literal(String ipv6) {
        try {
            // A literal with a colon is parsed, never looked up.
            return InetAddress.getByName(ipv6);
        } catch (UnknownHostException e) {
            return null; // a scope (%name) naming no interface of this machine
        }
    }
}
