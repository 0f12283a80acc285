package dev.gatehouse.server.config;

import dev.gatehouse.routing.Fallbacks;
import dev.gatehouse.routing.RoutingSettings;
import dev.gatehouse.routing.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads routing settings: Gatehouse's {@code router:} section and per-model
 * {@code routing_strategy:} and fallback lists, and the parts of LiteLLM's
 * {@code router_settings} and {@code litellm_settings} that mean the same. Collects them as
 * the file is read; {@link #config} checks that every model named is served.
 */
final class RoutingSection {

    static final List<String> ROUTER_KEYS = List.of("retries", "backoff_base_seconds", "backoff_max_seconds",
            "deadline_seconds", "allowed_fails", "failure_window_seconds", "cooldown_seconds",
            "auth_cooldown_seconds", "health_check_interval_seconds");
    static final List<String> MODEL_KEYS = List.of("routing_strategy", "fallbacks", "context_window_fallbacks",
            "content_policy_fallbacks");
    /** LiteLLM's router_settings and litellm_settings keys that Gatehouse reads. */
    static final Set<String> LITELLM_KEYS = Set.of("routing_strategy", "num_retries", "timeout", "allowed_fails",
            "cooldown_time", "fallbacks", "context_window_fallbacks", "content_policy_fallbacks");
    private static final long MAX_SECONDS = 86_400;

    private final Findings findings;
    private final Fields fields;
    private RoutingSettings settings = RoutingSettings.DEFAULTS;
    private Duration healthChecks;
    private Strategy everyModel;
    private final Map<String, Strategy> strategies = new LinkedHashMap<>();
    private final Map<String, Located> named = new LinkedHashMap<>();
    private final List<Map<String, List<String>>> lists = List.of(new LinkedHashMap<>(), new LinkedHashMap<>(),
            new LinkedHashMap<>());

    RoutingSection(Findings findings) {
        this.findings = findings;
        this.fields = new Fields(findings);
    }

    /** Gatehouse's {@code router:} section. */
    void readRouter(Located at) {
        if (!fields.isSection(at, ROUTER_KEYS)) {
            return;
        }
        RoutingSettings d = settings;
        Long retries = fields.integer(at.get("retries"), 0, 10);
        Duration base = fields.seconds(at.get("backoff_base_seconds"), 0, 60);
        Duration max = fields.seconds(at.get("backoff_max_seconds"), 0, 600);
        Duration deadline = fields.seconds(at.get("deadline_seconds"), 1, MAX_SECONDS);
        Long fails = fields.integer(at.get("allowed_fails"), 1, 1000);
        Duration window = fields.seconds(at.get("failure_window_seconds"), 1, MAX_SECONDS);
        Duration cooldown = fields.seconds(at.get("cooldown_seconds"), 0, MAX_SECONDS);
        Duration auth = fields.seconds(at.get("auth_cooldown_seconds"), 0, MAX_SECONDS);
        Duration checks = fields.seconds(at.get("health_check_interval_seconds"), 0, MAX_SECONDS);
        healthChecks = checks == null || checks.isZero() ? null : checks;
        settings = new RoutingSettings(retries != null ? retries.intValue() : d.retries(),
                base != null ? base : d.backoffBase(), max != null ? max : d.backoffMax(),
                deadline != null ? deadline : d.deadline(), fails != null ? fails.intValue() : d.allowedFails(),
                window != null ? window : d.failureWindow(), cooldown != null ? cooldown : d.cooldown(),
                auth != null ? auth : d.authCooldown());
    }

    /** A model's own {@code routing_strategy:} and fallback lists (Gatehouse's format). */
    void readModel(String model, Located at) {
        Located strategy = at.get("routing_strategy");
        if (!strategy.isMissing()) {
            Strategy value = strategy(strategy);
            if (value != null) {
                strategies.put(model, value);
            }
        }
        int i = 0;
        for (String key : List.of("fallbacks", "context_window_fallbacks", "content_policy_fallbacks")) {
            Located list = at.get(key);
            List<String> models = list.isMissing() ? null : modelNames(list);
            if (models != null) {
                lists.get(i).put(model, models);
            }
            i++;
        }
    }

    /**
     * LiteLLM's routing keys in {@code router_settings} or {@code litellm_settings}: the strategy
     * (for every model), retries, the deadline, cooldowns and fallback lists.
     */
    void readLiteLlm(Located section) {
        if (section.isMissing() || !fields.isMap(section)) {
            return;
        }
        Located strategy = section.get("routing_strategy");
        if (!strategy.isMissing()) {
            everyModel = strategy(strategy);
        }
        RoutingSettings d = settings;
        Long retries = fields.integer(section.get("num_retries"), 0, 10);
        Duration deadline = fields.seconds(section.get("timeout"), 1, MAX_SECONDS);
        Long fails = fields.integer(section.get("allowed_fails"), 1, 1000);
        Duration cooldown = fields.seconds(section.get("cooldown_time"), 0, MAX_SECONDS);
        settings = new RoutingSettings(retries != null ? retries.intValue() : d.retries(), d.backoffBase(),
                d.backoffMax(), deadline != null ? deadline : d.deadline(),
                fails != null ? fails.intValue() : d.allowedFails(), d.failureWindow(),
                cooldown != null ? cooldown : d.cooldown(), d.authCooldown());
        int i = 0;
        for (String key : List.of("fallbacks", "context_window_fallbacks", "content_policy_fallbacks")) {
            liteLlmFallbacks(section.get(key), lists.get(i++));
        }
    }

    /** LiteLLM's fallbacks: a list of one-key maps, {@code [{"gpt-4o": ["claude", "gemini"]}]}. */
    private void liteLlmFallbacks(Located at, Map<String, List<String>> into) {
        if (at.isMissing()) {
            return;
        }
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of maps, each a model and its fallback models: [{gpt-4o: [claude]}]");
            return;
        }
        for (int i = 0; i < at.value().size(); i++) {
            Located entry = at.get(i);
            if (!entry.value().isObject() || entry.value().size() != 1) {
                findings.problem(entry, "must be a map of one model to its list of fallback models");
                continue;
            }
            String model = entry.value().fieldNames().next();
            List<String> models = modelNames(entry.get(model));
            if (models != null) {
                into.put(model, models);
                named.putIfAbsent(model, entry);
            }
        }
    }

    private Strategy strategy(Located at) {
        String name = fields.text(at);
        if (name == null) {
            return null;
        }
        Strategy strategy = Strategy.named(name);
        if (strategy == null) {
            findings.problem(at, "unknown routing strategy '" + name + "'; one of " + Arrays.stream(Strategy.values())
                    .map(s -> s.configName() + " (LiteLLM: " + s.liteLlmName() + ")").collect(Collectors.joining(", ")));
        }
        return strategy;
    }

    private List<String> modelNames(Located at) {
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of model names");
            return null;
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < at.value().size(); i++) {
            String name = fields.text(at.get(i));
            if (name != null) {
                models.add(name);
                named.putIfAbsent(name, at.get(i));
            }
        }
        return models;
    }

    /** The routing configuration, once every model is known; a model named but not served is a problem. */
    RoutingConfig config(Set<String> served) {
        named.forEach((model, at) -> {
            if (!served.contains(model)) {
                findings.problem(at, "the model '" + model + "' is not configured; fallbacks must name configured models");
            }
        });
        Map<String, Strategy> all = new LinkedHashMap<>();
        if (everyModel != null) {
            served.forEach(model -> all.put(model, everyModel));
        }
        all.putAll(strategies);
        return new RoutingConfig(settings, all, new Fallbacks(lists.get(0), lists.get(1), lists.get(2)), healthChecks);
    }
}
