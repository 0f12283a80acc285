package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.Providers;
import dev.gatehouse.routing.ModelPattern;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.limit.LimitSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a LiteLLM proxy configuration ({@code model_list}, {@code litellm_settings}, …) into
 * Gatehouse's terms. What maps is translated with its location kept; what does not is listed:
 * a warning when leaving it out changes nothing that is sent upstream, a problem when it does.
 * docs/migrating-from-litellm.md is the table of both.
 */
final class LiteLlmFormat {

    static final List<String> TOP_KEYS = List.of("model_list", "litellm_settings", "general_settings",
            "router_settings", "environment_variables", "callback_settings", "credential_list", "include",
            "server", "allow_plaintext_credentials", "telemetry", "logging", "metrics", "console", "guardrails",
            "finetune_settings", "files_settings");
    static final List<String> ENTRY_KEYS = List.of("model_name", "litellm_params", "model_info");
    /** litellm_params keys with a Gatehouse meaning (allow_private_network is Gatehouse's own, accepted here). */
    static final List<String> MAPPED_PARAMS = List.of("model", "api_key", "api_base", "timeout", "drop_params",
            "allow_private_network", "aws_access_key_id", "aws_secret_access_key", "aws_session_token",
            "aws_region_name", "api_version", "vertex_project", "vertex_location", "vertex_credentials", "weight",
            "rpm", "tpm", "max_parallel_requests", "stream_timeout");
    /** LiteLLM's default Vertex AI location, used when an entry names none. */
    static final String VERTEX_DEFAULT_LOCATION = "us-central1";
    /** litellm_params keys about load balancing, retries and cost: leaving them out changes no request. */
    static final Set<String> IGNORED_PARAMS = Set.of("order", "max_retries", "num_retries", "tags", "input_cost_per_token",
            "output_cost_per_token", "input_cost_per_second", "output_cost_per_second", "region_name", "mock_timeout");
    private static final String ENV = LiteLlmValues.ENV;

    private final Findings findings;
    private final Fields fields;
    private final Function<String, String> env;
    /** The provider of a bare model name, as LiteLLM infers it ({@link BareModels}). */
    private final Function<String, java.util.Optional<String>> bareModels;
    private final ModelNamesSection names;
    /** The first-byte timeout of deployments that set none: litellm_settings' (request_timeout) or built in. */
    private Duration defaultTimeout = Draft.Defaults.BUILT_IN.timeout();

    private LiteLlmFormat(Findings findings, Function<String, String> env,
            Function<String, java.util.Optional<String>> bareModels) {
        this.findings = findings;
        this.fields = new Fields(findings);
        this.env = env;
        this.bareModels = bareModels;
        this.names = new ModelNamesSection(findings);
    }

    static Draft read(Located root, Findings findings, Function<String, String> env,
            Function<String, java.util.Optional<String>> bareModels) {
        return new LiteLlmFormat(findings, env, bareModels).draft(root);
    }

    private Draft draft(Located root) {
        fields.onlyKeys(root, TOP_KEYS);
        Located include = root.get("include");
        if (!include.isMissing()) {
            findings.problem(include, "not supported yet: copy the model_list of the included files into this one");
        }
        for (String section : List.of("environment_variables", "callback_settings", "credential_list")) {
            if (!root.get(section).isMissing()) {
                findings.warn(root.get(section), "not supported, ignored" + (section.equals("environment_variables")
                        ? ": set these variables in Gatehouse's own environment" : ""));
            }
        }
        LiteLlmReasons.SECTIONS.forEach((section, why) -> {
            if (!root.get(section).isMissing()) {
                findings.warn(root.get(section), why);
            }
        });
        ignoreAll(root.get("general_settings"), StoreSection.LITELLM_KEYS); // StoreSection reads them
        Set<String> router = new java.util.HashSet<>(RoutingSection.LITELLM_KEYS);
        router.addAll(LiteLlmRedis.ROUTER_KEYS); // LiteLlmRedis reads them
        router.add("model_group_alias");
        ignoreAll(root.get("router_settings"), router);
        Located routerSettings = root.get("router_settings");
        if (!routerSettings.isMissing() && routerSettings.value().isObject()) {
            names.readAliases(routerSettings.get("model_group_alias"));
        }
        Located settings = root.get("litellm_settings");
        Set<String> mapped = new java.util.HashSet<>(RoutingSection.LITELLM_KEYS);
        mapped.remove("routing_strategy");
        mapped.remove("timeout"); // litellm_settings' request_timeout is the one read there
        mapped.addAll(Set.of("drop_params", "request_timeout"));
        mapped.addAll(Set.of("cache", "cache_params")); // LiteLlmCache reads them
        mapped.addAll(Set.of("callbacks", "output_parse_pii")); // LiteLlmGuardrails reads them
        mapped.addAll(LiteLlmCallbacks.KEYS); // and LiteLlmCallbacks
        mapped.add("max_end_user_budget");
        ignoreAll(settings, mapped);
        RoutingSection routing = new RoutingSection(findings);
        routing.readLiteLlm(root.get("router_settings"));
        routing.readLiteLlm(onlyFallbacksAndRetries(settings));
        Draft.Defaults defaults = defaults(settings);
        defaultTimeout = defaults.timeout();
        ServerSettings server = ServerSection.read(root.get("server"), findings);
        boolean plaintext = Boolean.TRUE.equals(fields.bool(root.get("allow_plaintext_credentials")));
        return new Draft(server, defaults, plaintext, modelList(root.get("model_list")),
                dev.gatehouse.server.spend.SpendSettings.defaults(), routing, LiteLlmRedis.section(root, findings, env),
                limits(settings), dev.gatehouse.server.responses.ResponsesSettings.DEFAULTS, names, root);
    }

    /**
     * {@code litellm_settings.max_end_user_budget}: LiteLLM gives it, as a budget without a period, to
     * each end user that has no budget row of its own (https://docs.litellm.ai/docs/proxy/customers),
     * so every such end user's spend is held to it for good; Gatehouse's
     * {@code limits.end_user_defaults.max_budget} without a budget_duration means the same. LiteLLM
     * has no period setting to go with it.
     */
    private LimitSettings limits(Located settings) {
        LimitSettings defaults = LimitSettings.DEFAULTS;
        Located budget = settings.isMissing() ? settings : settings.get("max_end_user_budget");
        if (budget.isMissing() || budget.value().isNull()) {
            return defaults;
        }
        if (!budget.value().isNumber() || budget.value().decimalValue().signum() < 0) {
            findings.problem(budget, "must be a number of US dollars, 0 or more");
            return defaults;
        }
        return new LimitSettings(defaults.defaultMaxOutputTokens(), defaults.budgetMaxParallelRequests(),
                new Limits(budget.value().decimalValue(), null, null, null, null, null, null));
    }

    /** litellm_settings without its keys that mean something else there (its timeout is request_timeout). */
    private static Located onlyFallbacksAndRetries(Located settings) {
        if (settings.isMissing() || !settings.value().isObject()) {
            return settings;
        }
        com.fasterxml.jackson.databind.node.ObjectNode kept =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String key : List.of("num_retries", "allowed_fails", "cooldown_time", "fallbacks",
                "context_window_fallbacks", "content_policy_fallbacks")) {
            if (settings.value().has(key)) {
                kept.set(key, settings.value().get(key));
            }
        }
        return settings.with(kept);
    }

    private void ignoreAll(Located section, Set<String> mapped) {
        if (section.isMissing() || !fields.isMap(section)) {
            return;
        }
        for (String key : Fields.keys(section)) {
            if (!mapped.contains(key)) {
                findings.warn(section.get(key), LiteLlmReasons.ignored(key));
            }
        }
    }

    private Draft.Defaults defaults(Located settings) {
        Draft.Defaults builtIn = Draft.Defaults.BUILT_IN;
        if (settings.isMissing() || !settings.value().isObject()) {
            return builtIn;
        }
        Boolean dropParams = fields.bool(settings.get("drop_params"));
        // LiteLLM's request_timeout bounds the whole call: Gatehouse's total timeout.
        Duration total = fields.seconds(settings.get("request_timeout"), 1, DeploymentReader.MAX_TIMEOUT_SECONDS);
        Duration timeout = total != null && total.compareTo(builtIn.timeout()) < 0 ? total : builtIn.timeout();
        return new Draft.Defaults(dropParams != null ? dropParams : builtIn.dropParams(), timeout,
                total != null ? total : builtIn.totalTimeout());
    }

    private List<DeploymentInput> modelList(Located list) {
        List<DeploymentInput> inputs = new ArrayList<>();
        if (!list.value().isArray()) {
            findings.problem(list, "must be a list of models");
            return inputs;
        }
        if (list.value().isEmpty()) {
            findings.warn(list, "no models are configured; every model request will be refused");
        }
        for (int i = 0; i < list.value().size(); i++) {
            Located entry = list.get(i);
            if (!entry.value().isObject()) {
                findings.problem(entry, "must be a map with model_name and litellm_params");
                continue;
            }
            DeploymentInput input = entry(entry);
            if (input != null) {
                inputs.add(input);
            }
        }
        return inputs;
    }

    private DeploymentInput entry(Located entry) {
        fields.onlyKeys(entry, ENTRY_KEYS);
        String name = Names.check(entry.get("model_name"), findings, fields);
        Located info = entry.get("model_info");
        ObjectNode facts = JsonNodeFactory.instance.objectNode(); // what the model can do: ModelInfoSection reads it
        if (!info.isMissing() && fields.isMap(info)) {
            for (String key : Fields.keys(info)) {
                if (ModelInfoSection.KEYS.contains(key)) {
                    facts.set(key, info.value().get(key));
                } else if (!key.equals("access_groups") && !key.equals("id") && !key.equals("mode")
                        && !key.equals("base_model")) {
                    findings.warn(info.get(key), LiteLlmReasons.modelInfo(key, info.get(key)));
                }
            }
        }
        Located params = entry.get("litellm_params");
        if (params.isMissing()) {
            findings.problem(params, "required: the deployment's model, api_key and api_base");
            return null;
        }
        if (!fields.isMap(params)) {
            return null;
        }
        for (String key : Fields.keys(params)) {
            Located param = params.get(key);
            if (IGNORED_PARAMS.contains(key)) {
                findings.warn(param, LiteLlmReasons.ignoredParam(key));
            } else if (!MAPPED_PARAMS.contains(key)) {
                findings.problem(param, "not supported yet: Gatehouse would call the upstream without it;"
                        + " remove it to accept that");
            }
        }
        DeploymentInput input = deployment(name == null ? "" : name, params);
        if (input == null) {
            return null;
        }
        if (info.value().isObject() && !info.get("mode").isMissing()) {
            LiteLlmModes.check(info.get("mode"), input.settings().get("provider").value().asText(), findings);
        }
        Map<String, Located> settings = new HashMap<>(input.settings());
        settings.put("access_groups", info.isMissing() ? info : info.get("access_groups"));
        settings.put("id", info.isMissing() ? info : info.get("id"));
        settings.put("base_model", info.isMissing() ? info : info.get("base_model"));
        settings.put("model_info", facts.isEmpty() ? entry.get("model_info").with(MissingNode.getInstance())
                : info.with(facts));
        return new DeploymentInput(input.publicName(), input.at(), settings);
    }

    private DeploymentInput deployment(String name, Located params) {
        Located modelAt = params.get("model");
        String model = fields.text(modelAt);
        if (modelAt.isMissing()) {
            findings.problem(modelAt, "required: provider/model, such as openai/gpt-4o");
            return null;
        }
        if (model == null) {
            return null;
        }
        if (model.equals("*")) {
            // LiteLLM picks the provider per request and reads its key from the environment;
            // Gatehouse gives each deployment its own credential, so one entry per provider.
            findings.problem(modelAt, "a provider chosen per request is not supported: each provider needs its own"
                    + " credential; write one entry per provider under this model_name, such as model: openai/*");
            return null;
        }
        int slash = model.indexOf('/');
        if (slash <= 0) {
            java.util.Optional<String> inferred = ModelPattern.isPattern(model) ? java.util.Optional.empty()
                    : bareModels.apply(model);
            if (inferred.isEmpty()) {
                findings.problem(modelAt, "names no provider, and Gatehouse knows no provider for '" + model
                        + "'; write provider/model, such as openai/" + model);
                return null;
            }
            findings.note(modelAt, "provider " + inferred.get() + " inferred for '" + model + "', as LiteLLM does;"
                    + " write " + inferred.get() + "/" + model + " to say so");
            model = inferred.get() + "/" + model;
            slash = model.indexOf('/');
        }
        String prefix = model.substring(0, slash);
        LiteLlmPrefix served = Providers.liteLlmPrefix(prefix);
        params = LiteLlmEnvironment.fillIn(params, prefix, env); // what LiteLLM reads from the environment
        Located baseAt = params.get("api_base");
        String base = apiBase(baseAt);
        if (served == null) {
            findings.problem(modelAt, LiteLlmReasons.provider(prefix));
            return null;
        }
        String upstream = served.upstreamModel(model.substring(slash + 1));
        if (prefix.equals("azure") && upstream.isBlank()) {
            upstream = LiteLlmAzure.deploymentless(name, modelAt, findings);
            if (upstream == null) {
                return null;
            }
            params = LiteLlmAzure.withoutApiVersion(params);
        }
        String provider = served.provider(base == null ? null : host(base));
        if (base != null && served.appendsV1()) {
            String root = base.replaceAll("/+$", "");
            base = root.endsWith("/v1") ? root : root + "/v1";
        }
        Map<String, Located> settings = new HashMap<>();
        Located absent = params.with(MissingNode.getInstance());
        for (String key : DeploymentInput.KEYS) {
            settings.put(key, absent);
        }
        settings.put("provider", modelAt.with(TextNode.valueOf(provider)));
        settings.put("model", modelAt.with(TextNode.valueOf(upstream)));
        settings.put("base_url", base == null ? baseAt : baseAt.with(TextNode.valueOf(base)));
        settings.put("api_key", apiKey(params.get("api_key")));
        if (provider.equals("vertex")) {
            if (upstream.startsWith("claude")) {
                provider = "vertex_anthropic"; // LiteLLM's one prefix covers both publishers
                settings.put("provider", modelAt.with(TextNode.valueOf(provider)));
            }
            if (!vertex(upstream, modelAt, params, settings)) {
                return null;
            }
        } else {
            for (String key : List.of("vertex_project", "vertex_location", "vertex_credentials")) {
                if (!params.get(key).isMissing()) {
                    findings.problem(params.get(key), "applies to vertex_ai/ models only");
                }
            }
        }
        // LiteLLM's timeout bounds the whole call: Gatehouse's total timeout, and so also the
        // wait for the first byte.
        settings.put("timeout_seconds", params.get("timeout"));
        settings.put("total_timeout_seconds", params.get("timeout"));
        Located timeout = params.get("timeout");
        Duration firstByte = timeout.value().isNumber()
                ? Duration.ofMillis(timeout.value().decimalValue().movePointRight(3).longValue()) : defaultTimeout;
        settings.put("idle_timeout_seconds", LiteLlmStreamTimeout.idle(params.get("stream_timeout"), firstByte,
                findings));
        settings.put("drop_params", params.get("drop_params"));
        settings.put("allow_private_network", params.get("allow_private_network"));
        for (String key : List.of("weight", "rpm", "tpm", "max_parallel_requests")) {
            settings.put(key, params.get(key));
        }
        for (String key : DeploymentInput.AWS_CREDENTIALS) {
            settings.put(key, apiKey(params.get(key)));
        }
        if (!provider.startsWith("vertex")) {
            settings.put("options", options(params)); // Vertex entries have theirs from vertex(…)
        }
        if (LiteLlmSageMaker.serves(provider)) {
            LiteLlmSageMaker.defaults(params, settings, env, findings);
        }
        return new DeploymentInput(name, params, settings);
    }

    /**
     * LiteLLM's provider settings that are Gatehouse options: {@code aws_region_name} is Bedrock's
     * {@code region}, {@code api_version} Azure's. Located at the first of them, absent when none is given.
     */
    private Located options(Located params) {
        com.fasterxml.jackson.databind.node.ObjectNode options = com.fasterxml.jackson.databind.node.JsonNodeFactory
                .instance.objectNode();
        Located first = null;
        for (String[] pair : new String[][] {{"aws_region_name", "region"}, {"api_version", "api_version"}}) {
            Located at = params.get(pair[0]);
            if (!at.isMissing()) {
                String value = envOrText(at);
                if (value != null) {
                    options.put(pair[1], value);
                }
                first = first == null ? at : first;
            }
        }
        return first == null ? params.get("options") : first.with(options);
    }

    /** A plain setting that LiteLLM lets name an environment variable (os.environ/NAME). */
    private String envOrText(Located at) {
        return apiBase(at);
    }

    /**
     * LiteLLM's Vertex AI settings ({@code vertex_ai/gemini-…} is provider vertex,
     * {@code vertex_ai/claude-…} provider vertex_anthropic): {@code vertex_project} and {@code vertex_location} become the
     * options {@code project} and {@code location} (LiteLLM's default location, us-central1, when
     * none is given), {@code vertex_credentials} the credential. LiteLLM takes the key file's path
     * or its JSON, directly or through os.environ/NAME; Gatehouse reads a path as file:, and an
     * environment variable as env: when it holds the JSON or as file: when it holds a path.
     * False when the entry can not be served (problems recorded).
     */
    private boolean vertex(String upstream, Located modelAt, Located params, Map<String, Located> settings) {
        if (!upstream.startsWith("gemini") && !upstream.startsWith("claude")) {
            findings.problem(modelAt, "only Gemini and Claude models on Vertex AI are supported yet"
                    + " (vertex_ai/gemini-…, vertex_ai/claude-…); other publishers' models are not");
            return false;
        }
        if (!params.get("api_key").isMissing()) {
            findings.problem(params.get("api_key"), "Vertex AI takes vertex_credentials (a service-account key), not"
                    + " api_key");
            return false;
        }
        Located credentials = params.get("vertex_credentials");
        if (credentials.isMissing()) {
            findings.problem(credentials, "required: Gatehouse does not use Application Default Credentials;"
                    + " give the service-account key file's path (or os.environ/NAME)");
            return false;
        }
        String reference = fields.text(credentials);
        if (reference == null) {
            return false;
        }
        if (reference.startsWith(ENV)) {
            String name = reference.substring(ENV.length());
            String value = env.apply(name);
            boolean path = value != null && value.strip().startsWith("/");
            reference = (path ? "file:" + value.strip() : "env:" + name);
        } else if (reference.startsWith("/")) {
            reference = "file:" + reference;
        }
        settings.put("api_key", credentials.with(TextNode.valueOf(reference)));
        Located project = params.get("vertex_project");
        Located location = params.get("vertex_location");
        if (project.isMissing()) {
            findings.problem(project, "required: the Google Cloud project (Gatehouse does not guess it from the"
                    + " environment)");
            return false;
        }
        com.fasterxml.jackson.databind.node.ObjectNode options =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        options.put("project", fields.text(project));
        if (location.isMissing()) {
            findings.warn(project, "no vertex_location: using " + VERTEX_DEFAULT_LOCATION + ", LiteLLM's default");
            options.put("location", VERTEX_DEFAULT_LOCATION);
        } else {
            options.put("location", fields.text(location));
        }
        settings.put("options", params.with(options));
        return true;
    }

    /** The api_base, with os.environ/NAME read from the environment; null when absent or unreadable. */
    private String apiBase(Located at) {
        String base = fields.text(at);
        if (base == null || !base.startsWith(ENV)) {
            return base;
        }
        String name = base.substring(ENV.length());
        String value = env.apply(name);
        if (value == null || value.isBlank()) {
            findings.problem(at, "environment variable " + name + " is not set");
            return null;
        }
        return value.strip();
    }

    /** LiteLLM's os.environ/NAME is Gatehouse's env:NAME; every other value is read as Gatehouse reads it. */
    private static Located apiKey(Located at) {
        return LiteLlmValues.reference(at);
    }

    private static String host(String url) {
        try {
            String host = new URI(url).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            return ""; // not api.openai.com; the URL's own problem is reported when it is checked
        }
    }
}
