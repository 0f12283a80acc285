package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.provider.ProviderDescriptor;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.provider.openai.CompatibleProfiles;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.spend.Prices;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link DeploymentInput} into a {@link Deployment}: checks every setting, resolves the
 * credential, and decides whether the upstream may be on a private network.
 */
final class DeploymentReader {

    static final long MAX_TIMEOUT_SECONDS = 3600;

    /** Provider options that must be positive integers (docs/configuration.md, Provider options). */
    private static final Set<String> POSITIVE_OPTIONS = Set.of("max_embedding_batch", "poll_interval_ms",
            "max_image_bytes");

    private final Findings findings;
    private final Fields fields;
    private final Credentials credentials;
    private final Draft.Defaults defaults;
    /** The provider of a model written without one, for Gatehouse's format ({@link BareModels}). */
    private final java.util.function.Function<String, java.util.Optional<String>> bareModels;
    private final Set<String> privateHosts = new LinkedHashSet<>();
    private final Map<String, ModelPrice> prices = new LinkedHashMap<>();
    private final Map<String, String> ids = new java.util.HashMap<>();

    /** What a deployment id may hold: it is a metric label and a response header value. */
    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:/@-]{1,128}");

    DeploymentReader(Findings findings, Credentials credentials, Draft.Defaults defaults,
            java.util.function.Function<String, java.util.Optional<String>> bareModels) {
        this.findings = findings;
        this.fields = new Fields(findings);
        this.credentials = credentials;
        this.defaults = defaults;
        this.bareModels = bareModels;
    }

    /** The hosts that deployments read so far may reach on a private network, in file order. */
    Set<String> privateHosts() {
        return privateHosts;
    }

    /** The prices deployments read so far set with {@code pricing:}, by {@link Prices#key}. */
    Map<String, ModelPrice> prices() {
        return prices;
    }

    /** Fetched images are held in memory, base64 on top: a request may not ask for more than this. */
    static final long MAX_FETCHED_IMAGE_BYTES = 256L * 1024 * 1024;

    /** The request fields that change the price a deployment allows (allow_price_fields): a list of field names. */
    private java.util.Set<String> priceFields(Located at) {
        if (at.isMissing()) {
            return java.util.Set.of();
        }
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of request fields that change the price, from: "
                    + String.join(", ", CompatibleProfiles.priceFields()) + " (such as [service_tier])");
            return java.util.Set.of();
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode name : at.value()) {
            if (!name.isTextual() || !CompatibleProfiles.priceFields().contains(name.textValue())) {
                findings.problem(at, "must be a list of request fields that change the price, from: "
                        + String.join(", ", CompatibleProfiles.priceFields()));
                return java.util.Set.of();
            }
            names.add(name.textValue());
        }
        return names;
    }

    /** The deployment, or null when anything about it is wrong (the problems are recorded). */
    Deployment read(DeploymentInput input) {
        int problemsBefore = findings.problemCount();
        String upstream = Names.check(input.setting("model"), findings, fields);
        String provider = provider(input.setting("provider"), input.setting("model"), upstream);
        if (upstream != null && dev.gatehouse.routing.ModelPattern.isPattern(upstream)
                && !dev.gatehouse.routing.ModelPattern.isPattern(input.publicName())) {
            findings.problem(input.setting("model"), "has a * but the model name '" + input.publicName() + "' does"
                    + " not: a wildcard model's name is a pattern too, such as openai/*");
        }
        boolean allowPrivate = Boolean.TRUE.equals(fields.bool(input.setting("allow_private_network")));
        Target target = provider == null ? null : target(input, provider, allowPrivate);
        Located keyAt = input.setting("api_key");
        Secret key = credentials.resolve(keyAt);
        Map<String, Secret> aws = new LinkedHashMap<>();
        for (String name : DeploymentInput.AWS_CREDENTIALS) {
            Secret value = credentials.resolve(input.setting(name));
            if (value != null) {
                aws.put(name, value);
            }
        }
        Map<String, String> options = options(input.setting("options"));
        if (provider != null) {
            ProviderSettings.check(provider, input, options, key, findings);
        }
        if (keyAt.isMissing() && provider != null && needsKey(provider, target, allowPrivate)) {
            findings.problem(keyAt, "required for provider " + provider + "; give env:NAME or file:/path"
                    + (reach(provider).selfHosted()
                            ? " (a server on a private network with allow_private_network: true may have none)" : ""));
        }
        Boolean dropParams = fields.bool(input.setting("drop_params"));
        Boolean fetchImages = fields.bool(input.setting("fetch_images"));
        Long maxImages = fields.integer(input.setting("fetch_images_max_count"), 0, 1_000);
        Long maxImageBytes = fields.integer(input.setting("fetch_images_max_bytes"), 0, MAX_FETCHED_IMAGE_BYTES);
        java.util.Set<String> priceFields = priceFields(input.setting("allow_price_fields"));
        Long maxTokens = fields.integer(input.setting("default_max_tokens"), 1, Integer.MAX_VALUE);
        Duration timeout = fields.seconds(input.setting("timeout_seconds"), 1, MAX_TIMEOUT_SECONDS);
        Duration total = fields.seconds(input.setting("total_timeout_seconds"), 1, MAX_TIMEOUT_SECONDS);
        Duration connect = fields.seconds(input.setting("connect_timeout_seconds"), 1, MAX_TIMEOUT_SECONDS);
        Duration idle = fields.seconds(input.setting("idle_timeout_seconds"), 1, MAX_TIMEOUT_SECONDS);
        Duration effectiveTimeout = timeout != null ? timeout : defaults.timeout();
        Duration effectiveTotal = total != null ? total : defaults.totalTimeout();
        if (effectiveTimeout.compareTo(effectiveTotal) > 0) {
            findings.problem(total != null ? input.setting("total_timeout_seconds") : input.setting("timeout_seconds"),
                    "the first-byte timeout (" + effectiveTimeout.toSeconds() + " s) is longer than the total timeout ("
                            + effectiveTotal.toSeconds() + " s)");
        }
        if (idle != null && idle.compareTo(effectiveTimeout) > 0) {
            findings.problem(input.setting("idle_timeout_seconds"), "is longer than timeout_seconds ("
                    + effectiveTimeout.toSeconds() + " s), which already bounds every pause; set it shorter, or"
                    + " raise timeout_seconds");
        }
        String tokenHost = provider != null
                ? ProviderSettings.checkEndpointOptions(provider, input, options, allowPrivate, findings) : null;
        ModelPrice price = PricingSection.read(input.setting("pricing"), findings);
        if (price != null && upstream != null && dev.gatehouse.routing.ModelPattern.isPattern(upstream)) {
            // Prices are kept per upstream model, and a wildcard's upstream model is each requested name's.
            findings.problem(input.setting("pricing"), "a wildcard model is priced per requested model from the"
                    + " bundled table; give a model its own pricing: as a model of its own");
        }
        ModelInfo info = ModelInfoSection.read(input.setting("model_info"), findings);
        String baseModel = fields.text(input.setting("base_model")); // the catalog model it is priced as
        String id = id(input.setting("id"));
        Long rpm = fields.integer(input.setting("rpm"), 1, Integer.MAX_VALUE);
        Long tpm = fields.integer(input.setting("tpm"), 1, Long.MAX_VALUE);
        Long maxParallel = fields.integer(input.setting("max_parallel_requests"), 1, 1_000_000);
        double weight = weight(input.setting("weight"));
        if (Boolean.TRUE.equals(fields.bool(input.setting("drain")))) {
            weight = 0; // draining: it serves only when nothing else in its group can
        }
        if (findings.problemCount() > problemsBefore) {
            return null;
        }
        if (allowPrivate && !target.host().isEmpty()) {
            privateHosts.add(target.host());
        }
        if (tokenHost != null) {
            privateHosts.add(tokenHost);
        }
        Deployment deployment = Deployment.builder(input.publicName(), provider)
                .upstreamModel(upstream)
                .baseUrl(target.configured())
                .apiKey(key)
                .dropParams(dropParams != null ? dropParams : defaults.dropParams())
                .fetchImages(Boolean.TRUE.equals(fetchImages))
                .defaultMaxTokens(maxTokens == null ? null : maxTokens.intValue())
                .timeout(effectiveTimeout)
                .totalTimeout(effectiveTotal)
                .options(options)
                .credentials(aws)
                .id(id)
                .weight(weight)
                .rpm(rpm == null ? null : rpm.intValue())
                .tpm(tpm)
                .connectTimeout(connect)
                .maxParallel(maxParallel == null ? null : maxParallel.intValue())
                .idleTimeout(idle)
                .privateNetwork(allowPrivate)
                .allowPriceFields(priceFields)
                .maxFetchedImages(maxImages == null ? Deployment.DEFAULT_MAX_FETCHED_IMAGES : maxImages.intValue())
                .maxFetchedBytes(maxImageBytes == null ? Deployment.DEFAULT_MAX_FETCHED_BYTES : maxImageBytes)
                .modelInfo(info)
                .baseModel(baseModel)
                .build();
        if (price != null) {
            ModelPrice earlier = prices.putIfAbsent(Prices.key(deployment), price);
            if (earlier != null && !earlier.equals(price)) {
                findings.problem(input.setting("pricing"), "another deployment of " + Prices.key(deployment)
                        + " sets a different price; prices are per provider and upstream model");
                return null;
            }
        }
        return deployment;
    }

    /** The deployment's own id, checked and unique; null when it has none (the gateway names it). */
    private String id(Located at) {
        String id = fields.text(at);
        if (id == null) {
            return null;
        }
        if (!ID.matcher(id).matches()) {
            findings.problem(at, "must be 1 to 128 letters, digits or . _ : / @ - (not #, which the ids Gatehouse gives use)");
            return null;
        }
        String earlier = ids.putIfAbsent(id, at.where());
        if (earlier != null) {
            findings.problem(at, "the id '" + id + "' is already used at " + earlier + "; ids must be unique");
            return null;
        }
        return id;
    }

    /** The routing weight: a number, 0 or more; 1 when absent. */
    private double weight(Located at) {
        if (at.isMissing()) {
            return 1;
        }
        if (!at.value().isNumber() || !Double.isFinite(at.value().doubleValue()) || at.value().doubleValue() < 0) {
            findings.problem(at, "must be a number, 0 or more (0 drains the deployment)");
            return 1;
        }
        return at.value().doubleValue();
    }

    /**
     * Where calls go: the configured base URL (null for the provider's default) and the host that is
     * finally called, with whether it is private.
     */
    private record Target(URI configured, String host, boolean privateHost) {}

    /** The provider as written; when none is, the one inferred for a bare {@code model} (noted), or null. */
    private String provider(Located at, Located modelAt, String model) {
        if (at.isMissing() && model != null && !dev.gatehouse.routing.ModelPattern.isPattern(model)) {
            java.util.Optional<String> inferred = bareModels.apply(model);
            if (inferred.isPresent()) {
                findings.note(modelAt, "provider " + inferred.get() + " inferred for '" + model + "'; write provider: "
                        + inferred.get() + " to say so");
                return inferred.get();
            }
            findings.problem(at, "required: Gatehouse knows no provider for '" + model + "'; one of "
                    + String.join(", ", Providers.ids()));
            return null;
        }
        if (at.isMissing()) {
            findings.problem(at, "required: one of " + String.join(", ", Providers.ids()));
            return null;
        }
        String id = fields.text(at);
        if (id == null) {
            return null;
        }
        if (!Providers.isKnown(id)) {
            String nearest = Fields.nearest(id, Providers.ids());
            findings.problem(at, "unknown provider '" + id + "'"
                    + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                    + "; known providers: " + String.join(", ", Providers.ids()));
            return null;
        }
        return id;
    }

    private Target target(DeploymentInput input, String provider, boolean allowPrivate) {
        Located urlAt = input.setting("base_url");
        Located allowAt = input.setting("allow_private_network");
        if (urlAt.isMissing()) {
            ProviderDescriptor.Reach reach = reach(provider);
            if (reach.selfHosted()) {
                findings.problem(urlAt, "required for provider " + provider + ": it has no default address");
                return null;
            }
            URI fallback = reach.defaultBaseUrl();
            String host = fallback == null ? "" : fallback.getHost().toLowerCase(Locale.ROOT);
            boolean isPrivate = fallback != null && Boolean.TRUE.equals(BaseUrls.isPrivate(host));
            if (isPrivate && !allowPrivate) {
                findings.problem(allowAt, "must be true: provider " + provider + " calls " + fallback
                        + " by default, which is on a private network (or give a base_url)");
                return null;
            }
            return new Target(null, host, isPrivate);
        }
        String url = fields.text(urlAt);
        BaseUrls.Endpoint endpoint = url == null ? null : BaseUrls.check(urlAt, url, findings);
        if (endpoint == null) {
            return null;
        }
        if (endpoint.privateHost() && !allowPrivate) {
            findings.problem(urlAt, "host '" + endpoint.host() + "' is on a private network; set"
                    + " allow_private_network: true on this deployment to allow calls to it");
            return null;
        }
        if (endpoint.plainHttp() && !endpoint.privateHost()) {
            findings.problem(urlAt, "plain http:// would send credentials and prompts in clear text; use https://"
                    + " (http:// is accepted only for private-network hosts with allow_private_network: true)");
            return null;
        }
        return new Target(endpoint.uri(), endpoint.host(), endpoint.privateHost());
    }

    /** Whether a deployment without api_key is a problem; unknown (false) while its base URL is wrong. */
    private static boolean needsKey(String provider, Target target, boolean allowPrivate) {
        if (reach(provider).keyless() || ProviderSettings.checksItsOwnCredentials(provider)) {
            return false;
        }
        if (reach(provider).selfHosted()) {
            return target != null && !(target.privateHost() && allowPrivate);
        }
        return true;
    }

    /** How the provider's deployments reach their upstream: its registry entry says. */
    private static ProviderDescriptor.Reach reach(String provider) {
        return Providers.descriptor(provider).reach().apply(provider);
    }

    private Map<String, String> options(Located at) {
        Map<String, String> options = new LinkedHashMap<>();
        if (!fields.isMap(at) || at.isMissing()) {
            return options;
        }
        for (String name : Fields.keys(at)) {
            Located option = at.get(name);
            JsonNode value = option.value();
            if (name.isBlank()) {
                findings.problem(option, "an option needs a name");
            } else if (POSITIVE_OPTIONS.contains(name) && !(value.canConvertToLong() && value.isIntegralNumber()
                    && value.asLong() > 0)) {
                findings.problem(option, "must be a positive integer");
            } else if (value.isTextual() || value.isNumber() || value.isBoolean()) {
                options.put(name, value.asText());
            } else {
                findings.problem(option, "must be a string, a number or true/false");
            }
        }
        return options;
    }
}
