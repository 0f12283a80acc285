package dev.gatehouse.provider;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One place a public model name is served from: a provider, the upstream's model name, its
 * base URL and credential, and how to treat what the provider can not do.
 *
 * @param model            the model name callers use
 * @param provider         the provider id ({@code openai}, {@code anthropic}, {@code gemini}, {@code xai}, …)
 * @param upstreamModel    the model name the upstream knows
 * @param baseUrl          the upstream's base URL; null for the provider's default
 * @param apiKey           the upstream credential; null where the upstream needs none (a local server)
 * @param dropParams       drop request parameters the provider can not take, instead of refusing the request
 * @param fetchImages      allow fetching image URLs that the provider needs inline (public addresses only)
 * @param defaultMaxTokens the output limit sent when the caller gave none and the provider requires one
 * @param timeout          how long to wait for the upstream's first byte (and, in the server, each pause
 *                         between stream chunks)
 * @param totalTimeout     how long one upstream exchange may take in all, streams included
 * @param options          provider-specific settings, by name (documented with each provider)
 * @param credentials      further credentials a provider needs beyond {@code apiKey}, by name (Bedrock's
 *                         {@code aws_access_key_id}, {@code aws_secret_access_key}, {@code aws_session_token})
 * @param id               the deployment's stable id within the gateway (metrics, cooldowns, response headers);
 *                         null until the gateway names it after its model and position ({@code gpt-4o#2})
 * @param weight           its share of its group's traffic under weighted routing; 0 drains it (it serves only
 *                         when nothing else in its group can)
 * @param rpm              the upstream's requests-per-minute limit for this deployment, or null for none
 * @param tpm              the upstream's tokens-per-minute limit for this deployment, or null for none
 * @param connectTimeout   how long to wait for a connection to the upstream; null for the transport's own
 * @param maxParallel      the most requests this instance sends it at once (the upstream's concurrency limit), or
 *                         null for no limit
 * @param idleTimeout      the longest pause between a stream's chunks once it has started, when shorter than
 *                         {@code timeout} (which otherwise bounds those pauses too); null for {@code timeout}
 * @param privateNetwork   the upstream is on a private network (the server's {@code allow_private_network}): it
 *                         is never handed a remote image URL, which it would fetch from inside that network; such
 *                         images are fetched by Gatehouse and inlined when {@code fetchImages}, else refused
 * @param allowPriceFields request fields that change what the upstream charges ({@code service_tier} other than
 *                         its default, …) that callers may send to this deployment; any other is refused
 * @param maxFetchedImages the most image URLs Gatehouse fetches for one request to this deployment
 * @param maxFetchedBytes  the most bytes of images Gatehouse fetches for one request to this deployment, all
 *                         images together
 * @param modelInfo        what its model can take and do as the configuration states it ({@code model_info});
 *                         {@link ModelInfo#UNKNOWN} when it says nothing
 * @param baseModel        the catalog model its prices and facts are those of ({@code base_model}: an Azure
 *                         deployment named {@code prod-4o} is {@code gpt-4o}), or null for {@code upstreamModel}
 */
public record Deployment(String model, String provider, String upstreamModel, URI baseUrl, Secret apiKey,
        boolean dropParams, boolean fetchImages, Integer defaultMaxTokens, Duration timeout, Duration totalTimeout,
        Map<String, String> options, Map<String, Secret> credentials, String id, double weight, Integer rpm,
        Long tpm, Duration connectTimeout, Integer maxParallel, Duration idleTimeout, boolean privateNetwork,
        java.util.Set<String> allowPriceFields, int maxFetchedImages, long maxFetchedBytes, ModelInfo modelInfo,
        String baseModel) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** At most this many image URLs fetched per request, unless the deployment says otherwise. */
    public static final int DEFAULT_MAX_FETCHED_IMAGES = 8;
    /** At most this many bytes of fetched images per request, unless the deployment says otherwise. */
    public static final long DEFAULT_MAX_FETCHED_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_TOTAL_TIMEOUT = Duration.ofMinutes(10);

    public Deployment {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(upstreamModel, "upstreamModel");
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        totalTimeout = totalTimeout == null ? DEFAULT_TOTAL_TIMEOUT : totalTimeout;
        options = options == null ? Map.of() : Map.copyOf(options);
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("weight must be a finite number, 0 or more: " + weight);
        }
        if (rpm != null && rpm <= 0 || tpm != null && tpm <= 0 || maxParallel != null && maxParallel <= 0) {
            throw new IllegalArgumentException("rpm, tpm and max_parallel_requests must be positive when given");
        }
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("the idle timeout must be positive when given");
        }
        allowPriceFields = allowPriceFields == null ? java.util.Set.of() : java.util.Set.copyOf(allowPriceFields);
        modelInfo = modelInfo == null ? ModelInfo.UNKNOWN : modelInfo;
        if (maxFetchedImages < 0 || maxFetchedBytes < 0) {
            throw new IllegalArgumentException("the limits on fetched images must not be negative");
        }
    }

    /**
     * This deployment with its timeouts shortened to {@code bound} where they are longer (what is
     * left of a request's deadline); itself when both already fit.
     */
    public Deployment boundedBy(Duration bound) {
        if (timeout.compareTo(bound) <= 0 && totalTimeout.compareTo(bound) <= 0) {
            return this;
        }
        Duration shorter = bound.isNegative() || bound.isZero() ? Duration.ofMillis(1) : bound;
        return new Deployment(model, provider, upstreamModel, baseUrl, apiKey, dropParams, fetchImages,
                defaultMaxTokens, timeout.compareTo(shorter) <= 0 ? timeout : shorter,
                totalTimeout.compareTo(shorter) <= 0 ? totalTimeout : shorter, options, credentials, id, weight, rpm,
                tpm, connectTimeout, maxParallel, idleTimeout, privateNetwork, allowPriceFields, maxFetchedImages,
                maxFetchedBytes, modelInfo, baseModel);
    }

    /** This deployment under another id. */
    public Deployment withId(String value) {
        return new Deployment(model, provider, upstreamModel, baseUrl, apiKey, dropParams, fetchImages,
                defaultMaxTokens, timeout, totalTimeout, options, credentials, value, weight, rpm, tpm,
                connectTimeout, maxParallel, idleTimeout, privateNetwork, allowPriceFields, maxFetchedImages,
                maxFetchedBytes, modelInfo, baseModel);
    }

    /** The model the catalog knows this deployment's model as: its {@code base_model}, else its upstream model. */
    public String catalogModel() {
        return baseModel != null ? baseModel : upstreamModel;
    }

    /**
     * This deployment serving one requested name through its wildcard model: named {@code requested}
     * and sending {@code upstream}, under the same id (so that its cooldowns, capacity and health stay
     * the wildcard deployment's).
     */
    public Deployment servingAs(String requested, String upstream) {
        return new Deployment(requested, provider, upstream, baseUrl, apiKey, dropParams, fetchImages,
                defaultMaxTokens, timeout, totalTimeout, options, credentials, id, weight, rpm, tpm,
                connectTimeout, maxParallel, idleTimeout, privateNetwork, allowPriceFields, maxFetchedImages,
                maxFetchedBytes, modelInfo, null); // the catalog knows it by the name it sends, not a base model
    }

    public static Builder builder(String model, String provider) {
        return new Builder(model, provider);
    }

    /** The base URL to use: the configured one, or the provider's default. */
    public URI baseUrlOr(URI providerDefault) {
        return baseUrl != null ? baseUrl : providerDefault;
    }

    /** Builds a deployment; the upstream model defaults to the public name. */
    public static final class Builder {
        private final String model;
        private final String provider;
        private String upstreamModel;
        private URI baseUrl;
        private Secret apiKey;
        private boolean dropParams;
        private boolean fetchImages;
        private Integer defaultMaxTokens;
        private Duration timeout;
        private Duration totalTimeout;
        private Map<String, String> options = Map.of();
        private final Map<String, Secret> credentials = new java.util.LinkedHashMap<>();
        private String id;
        private double weight = 1;
        private Integer rpm;
        private Long tpm;
        private Duration connectTimeout;
        private Integer maxParallel;
        private Duration idleTimeout;
        private boolean privateNetwork;
        private java.util.Set<String> allowPriceFields = java.util.Set.of();
        private int maxFetchedImages = DEFAULT_MAX_FETCHED_IMAGES;
        private long maxFetchedBytes = DEFAULT_MAX_FETCHED_BYTES;
        private ModelInfo modelInfo = ModelInfo.UNKNOWN;
        private String baseModel;

        private Builder(String model, String provider) {
            this.model = model;
            this.provider = provider;
            this.upstreamModel = model;
        }

        public Builder upstreamModel(String value) { this.upstreamModel = value; return this; }
        public Builder baseUrl(URI value) { this.baseUrl = value; return this; }
        public Builder baseUrl(String value) { this.baseUrl = URI.create(value); return this; }
        public Builder apiKey(Secret value) { this.apiKey = value; return this; }
        public Builder dropParams(boolean value) { this.dropParams = value; return this; }
        public Builder fetchImages(boolean value) { this.fetchImages = value; return this; }
        public Builder defaultMaxTokens(Integer value) { this.defaultMaxTokens = value; return this; }
        public Builder timeout(Duration value) { this.timeout = value; return this; }
        public Builder totalTimeout(Duration value) { this.totalTimeout = value; return this; }
        public Builder options(Map<String, String> value) { this.options = value; return this; }
        public Builder id(String value) { this.id = value; return this; }
        public Builder weight(double value) { this.weight = value; return this; }
        public Builder rpm(Integer value) { this.rpm = value; return this; }
        public Builder tpm(Long value) { this.tpm = value; return this; }
        public Builder connectTimeout(Duration value) { this.connectTimeout = value; return this; }
        public Builder maxParallel(Integer value) { this.maxParallel = value; return this; }
        public Builder idleTimeout(Duration value) { this.idleTimeout = value; return this; }
        public Builder privateNetwork(boolean value) { this.privateNetwork = value; return this; }
        public Builder allowPriceFields(java.util.Set<String> value) { this.allowPriceFields = value; return this; }
        public Builder maxFetchedImages(int value) { this.maxFetchedImages = value; return this; }
        public Builder maxFetchedBytes(long value) { this.maxFetchedBytes = value; return this; }
        public Builder modelInfo(ModelInfo value) { this.modelInfo = value; return this; }
        public Builder baseModel(String value) { this.baseModel = value; return this; }
        /** Adds every named credential of {@code values}. */
        public Builder credentials(Map<String, Secret> values) {
            values.forEach(this::credential);
            return this;
        }

        /** Adds a named credential; a null value is left out. */
        public Builder credential(String name, Secret value) {
            if (value != null) {
                credentials.put(name, value);
            }
            return this;
        }

        public Deployment build() {
            return new Deployment(model, provider, upstreamModel, baseUrl, apiKey, dropParams, fetchImages,
                    defaultMaxTokens, timeout, totalTimeout, options, credentials, id, weight, rpm, tpm,
                    connectTimeout, maxParallel, idleTimeout, privateNetwork, allowPriceFields, maxFetchedImages,
                    maxFetchedBytes, modelInfo, baseModel);
        }
    }
}
