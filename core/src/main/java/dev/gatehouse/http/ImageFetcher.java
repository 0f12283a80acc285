package dev.gatehouse.http;

import dev.gatehouse.api.DataUrl;
import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocketFactory;

/**
 * Fetches an image a caller gave by URL, for deployments that need images inline. A caller's
 * URL is untrusted input, so: https only (by default), default ports only, no user info; the
 * host is resolved once, every address it resolves to must be public (see
 * {@link PublicAddresses}), and the connection goes to the address that was checked, never to a
 * second lookup (no DNS-rebinding window; {@link PinnedGet}); redirects are not followed; the
 * answer must be an image type providers accept, no larger than the limit, and come whole
 * within the total timeout.
 */
public final class ImageFetcher {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** The whole fetch, connection to last byte: a server dripping one byte at a time is cut off here. */
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** Resolves a host name to its addresses. */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Where fetching may go and how much it may take.
     *
     * @param resolver       how host names are resolved (once per fetch)
     * @param allowedAddress every address a host resolves to must pass
     * @param allowedPort    the URL's port must pass (-1 when the URL gives none)
     * @param schemes        the URL schemes fetched
     * @param maxBytes       the largest image accepted
     * @param timeout        how long to wait for a connection and for each read
     * @param totalTimeout   how long the whole fetch may take
     * @param tls            how https connections are made (whose certificates are trusted)
     */
    public record Policy(Resolver resolver, Predicate<InetAddress> allowedAddress, Predicate<Integer> allowedPort,
            Set<String> schemes, long maxBytes, Duration timeout, Duration totalTimeout, SSLSocketFactory tls) {

        public Policy {
            schemes = Set.copyOf(schemes);
            java.util.Objects.requireNonNull(totalTimeout, "totalTimeout");
            java.util.Objects.requireNonNull(tls, "tls");
        }

        /** A policy that trusts the JDK's default certificate authorities. */
        public Policy(Resolver resolver, Predicate<InetAddress> allowedAddress, Predicate<Integer> allowedPort,
                Set<String> schemes, long maxBytes, Duration timeout, Duration totalTimeout) {
            this(resolver, allowedAddress, allowedPort, schemes, maxBytes, timeout, totalTimeout,
                    (SSLSocketFactory) SSLSocketFactory.getDefault());
        }

        /** Public addresses over https on its default port, 20 MB, 10 seconds a wait, 30 seconds in all. */
        public static Policy publicInternet() {
            return new Policy(InetAddress::getAllByName, PublicAddresses::isPublic, port -> port == -1 || port == 443,
                    Set.of("https"), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, DEFAULT_TOTAL_TIMEOUT);
        }
    }

    private final Policy policy;

    public ImageFetcher() {
        this(Policy.publicInternet());
    }

    public ImageFetcher(Policy policy) {
        this.policy = policy;
    }

    /** Fetches the image at {@code url}; {@code param} names the request field for errors. */
    public DataUrl fetch(String url, String param) {
        return fetch(url, param, policy.maxBytes());
    }

    /**
     * Fetches the image at {@code url}, taking at most {@code budget} bytes (what is left of a
     * request's allowance) and never more than the policy's limit.
     */
    public DataUrl fetch(String url, String param, long budget) {
        URI uri = checkUrl(url, param);
        InetAddress address = checkedAddress(uri.getHost(), param);
        long limit = Math.min(budget, policy.maxBytes());
        try (PinnedGet get = new PinnedGet(uri, address, Map.of("Accept", "image/*", "User-Agent", "Gatehouse"),
                policy.timeout(), policy.totalTimeout(), policy.tls())) {
            if (get.status() != 200) {
                throw refuse(param, "fetching the image gave HTTP status " + get.status()
                        + (get.status() / 100 == 3 ? " (redirects are not followed)" : ""));
            }
            String type = get.header("content-type").split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!IMAGE_TYPES.contains(type)) {
                throw refuse(param, "the URL did not return a JPEG, PNG, GIF or WebP image (content-type '" + type + "')");
            }
            return new DataUrl(type, Base64.getEncoder().encodeToString(get.body(limit)));
        } catch (PinnedGet.TooLarge e) {
            throw refuse(param, "the image is larger than " + limit + " bytes" + (limit < policy.maxBytes()
                    ? ", what is left of the request's allowance for fetched images" : ""));
        } catch (PinnedGet.Expired e) {
            throw refuse(param, "the image did not arrive whole within " + policy.totalTimeout().toSeconds() + " s");
        } catch (java.net.SocketTimeoutException e) {
            throw refuse(param, "the image's server did not answer within " + policy.timeout().toSeconds() + " s");
        } catch (IOException e) {
            throw refuse(param, "the image could not be fetched (" + e.getMessage() + ")");
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
        if (!policy.schemes().contains(scheme)) {
            throw refuse(param, "only " + String.join(" and ", policy.schemes().stream().sorted().toList())
                    + " image URLs can be fetched");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refuse(param, "the image URL needs a host and no user info");
        }
        if (!policy.allowedPort().test(uri.getPort())) {
            throw refuse(param, "image URLs may use the default port only");
        }
        return uri;
    }

    /** Resolves the host once; every address must pass, and the first is the one connected to. */
    private InetAddress checkedAddress(String host, String param) {
        InetAddress[] addresses;
        try {
            addresses = policy.resolver().resolve(host);
        } catch (UnknownHostException e) {
            throw refuse(param, "the image URL's host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw refuse(param, "the image URL's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!policy.allowedAddress().test(address)) {
                throw refuse(param, "the image URL points to a private or reserved address; only public addresses "
                        + "are fetched");
            }
        }
        return addresses[0];
    }

    private static GatewayException.BadRequest refuse(String param, String why) {
        return new GatewayException.BadRequest("Could not use the image at '" + param + "': " + why + ".", param);
    }
}
