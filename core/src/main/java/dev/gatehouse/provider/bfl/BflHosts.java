package dev.gatehouse.provider.bfl;

import dev.gatehouse.api.GatewayException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which URLs from BFL's answers Gatehouse may follow. A polling URL and a result URL arrive
 * over the network; following them blindly would let whoever controls the answer (or a
 * compromised upstream) aim Gatehouse, with the deployment's key, at any host: a server-side
 * request forgery. So each is checked before any request: https on the default port, no user
 * info, and a host on the allow-list. BFL documents its API hosts ({@code api.bfl.ai},
 * {@code api.eu.bfl.ai}, {@code api.us.bfl.ai}, the legacy {@code api.eu1.bfl.ai} and
 * {@code api.us1.bfl.ai}) and result hosts ({@code delivery.*.bfl.ai}), and advises allowing
 * {@code *.bfl.ai} because regional names change (docs.bfl.ai/api_integration/integration_guidelines,
 * help.bfl.ai "Which API endpoint should I use?"); that is the default.
 *
 * <p>Entries are host names ({@code api.bfl.ai}), wildcards for any subdomain
 * ({@code *.bfl.ai}), or {@code host:port} for a non-default port. Besides https, only the
 * configured base URL's own scheme, host and port are followed (a test double or a private
 * relay that the configuration already trusts).
 */
final class BflHosts {

    static final List<String> DEFAULT = List.of("*.bfl.ai");

    private final List<String> entries;
    private final URI base;

    private BflHosts(List<String> entries, URI base) {
        this.entries = entries;
        this.base = base;
    }

    /** The allow-list of a deployment: its {@code allowed_hosts} option (comma-separated) or the default. */
    static BflHosts of(String option, URI base) {
        if (option == null || option.isBlank()) {
            return new BflHosts(DEFAULT, base);
        }
        List<String> entries = Arrays.stream(option.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
        return new BflHosts(entries, base);
    }

    /**
     * The URL, checked; {@code what} names it for the message ("polling URL", "result URL").
     * The URL itself is never quoted: a signed URL is a credential.
     */
    URI check(String url, String what) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw refused(what, "it is not a valid URL");
        }
        String host = uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT);
        if (host == null || uri.getRawUserInfo() != null) {
            throw refused(what, "it has no host, or has user info");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (sameOrigin(uri, scheme, host)) {
            return uri;
        }
        int port = uri.getPort();
        if (entries.stream().noneMatch(entry -> matches(entry, host, port))) {
            throw refused(what, "its host '" + host + (port == -1 ? "" : ":" + port)
                    + "' is not one of the deployment's allowed BFL hosts " + entries);
        }
        if (!scheme.equals("https")) {
            throw refused(what, "it is not https");
        }
        return uri;
    }

    private boolean sameOrigin(URI uri, String scheme, String host) {
        return base != null && scheme.equalsIgnoreCase(base.getScheme()) && host.equalsIgnoreCase(base.getHost())
                && effectivePort(uri) == effectivePort(base);
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static boolean matches(String entry, String host, int port) {
        String entryHost = entry;
        int entryPort = -1;
        int colon = entry.lastIndexOf(':');
        if (colon > 0) {
            entryHost = entry.substring(0, colon);
            try {
                entryPort = Integer.parseInt(entry.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        boolean portOk = entryPort == -1 ? port == -1 || port == 443 : port == entryPort;
        if (!portOk) {
            return false;
        }
        if (entryHost.startsWith("*.")) {
            return host.endsWith(entryHost.substring(1)) && host.length() > entryHost.length() - 1;
        }
        return host.equals(entryHost);
    }

    private static GatewayException refused(String what, String why) {
        return new GatewayException.UpstreamServerError("BFL returned a " + what + " that Gatehouse will not follow: "
                + why + ".", 0, null);
    }
}
