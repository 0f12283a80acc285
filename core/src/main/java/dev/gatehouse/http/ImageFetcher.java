package dev.gatehouse.http;

import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Fetches an image a caller gave by URL, for providers that need images inline. A caller's
 * URL is untrusted input, so: http or https only, default ports only, no user info; the host
 * must resolve to public addresses only (see {@link PublicAddresses}); redirects are not
 * followed; the answer must be an image type providers accept, no larger than the limit, and
 * arrive within the timeout.
 *
 * <p>Residual risk, stated plainly: the address is checked when the name is resolved here,
 * and the transport resolves it again when it connects; a DNS server that answers differently
 * the second time (DNS rebinding) could still point the fetch elsewhere. Deployments that do
 * not need URL images should leave fetching off.
 */
public final class ImageFetcher {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** Resolves a host name to its addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where fetching may go and how much it may take.
     *
     * @param resolver       how host names are resolved
     * @param allowedAddress every address a host resolves to must pass
     * @param allowedPort    the URL's port must pass (-1 when the URL gives none)
     * @param maxBytes       the largest image accepted
     * @param timeout        how long to wait for the answer to begin
     */
    public record Policy(Resolver resolver, Predicate<InetAddress> allowedAddress, Predicate<Integer> allowedPort,
            long maxBytes, Duration timeout) {

        /** Public addresses on default ports, 20 MB, 10 seconds. */
        public static Policy publicInternet() {
            return new Policy(InetAddress::getAllByName, PublicAddresses::isPublic,
                    port -> port == -1 || port == 80 || port == 443, DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT);
        }
    }

    private final Transport transport;
    private final Policy policy;

    public ImageFetcher(Transport transport) {
        this(transport, Policy.publicInternet());
    }

    public ImageFetcher(Transport transport, Policy policy) {
        this.transport = transport;
        this.policy = policy;
    }

    /** Fetches the image at {@code url}; {@code param} names the request field for errors. */
    public DataUrl fetch(String url, String param) {
        URI uri = checkUrl(url, param);
        checkAddresses(uri.getHost(), param);
        try (UpstreamResponse response = transport.send(new UpstreamRequest("GET", uri, Map.of("accept", "image/*"),
                null, policy.timeout()))) {
            if (response.status() != 200) {
                throw refuse(param, "fetching the image gave HTTP status " + response.status()
                        + (response.status() / 100 == 3 ? " (redirects are not followed)" : ""));
            }
            String type = response.header("content-type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!IMAGE_TYPES.contains(type)) {
                throw refuse(param, "the URL did not return a JPEG, PNG, GIF or WebP image (content-type '" + type + "')");
            }
            return new DataUrl(type, Base64.getEncoder().encodeToString(readLimited(response.body(), param)));
        } catch (GatewayException.UpstreamTimeout | GatewayException.TransportFailure e) {
            throw refuse(param, "the image could not be fetched: " + e.getMessage());
        }
    }

    private URI checkUrl(String url, String param) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw refuse(param, "the image URL is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw refuse(param, "only http and https image URLs can be fetched");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refuse(param, "the image URL needs a host and no user info");
        }
        if (!policy.allowedPort().test(uri.getPort())) {
            throw refuse(param, "image URLs may use the default ports only");
        }
        return uri;
    }

    private void checkAddresses(String host, String param) {
        InetAddress[] addresses;
        try {
            addresses = policy.resolver().resolve(host);
        } catch (UnknownHostException e) {
            throw refuse(param, "the image URL's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!policy.allowedAddress().test(address)) {
                throw refuse(param, "the image URL points to a private or reserved address; only public addresses "
                        + "are fetched");
            }
        }
    }

    private byte[] readLimited(InputStream body, String param) {
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) {
                throw refuse(param, "the image is larger than " + policy.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw refuse(param, "the image download broke off");
        }
    }

    private static GatewayException.BadRequest refuse(String param, String why) {
        return new GatewayException.BadRequest("Could not use the image at '" + param + "': " + why + ".", param);
    }
}
