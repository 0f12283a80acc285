package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.routing.ModelNames;
import dev.gatehouse.routing.ModelPattern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the names a gateway answers besides its models' own (docs/routing.md, "Aliases and
 * wildcard models"): the aliases (Gatehouse's top-level {@code aliases:}, LiteLLM's
 * {@code router_settings.model_group_alias}; both {@code alias: model} or
 * {@code alias: {model: …, hidden: true}}, as https://docs.litellm.ai/docs/proxy/reliability
 * describes it) and each wildcard model's {@code allowed_models}. {@link #names} checks them
 * against the models served.
 */
final class ModelNamesSection {

    private final Findings findings;
    private final Fields fields;
    private final Map<String, String> aliases = new LinkedHashMap<>();
    private final Map<String, Located> aliasAt = new LinkedHashMap<>();
    private final Set<String> hidden = new LinkedHashSet<>();
    private final Map<String, List<String>> allowed = new LinkedHashMap<>();

    ModelNamesSection(Findings findings) {
        this.findings = findings;
        this.fields = new Fields(findings);
    }

    /** A map of aliases, each to a model name or to {@code {model: name, hidden: true|false}}. */
    void readAliases(Located at) {
        if (at.isMissing() || !fields.isMap(at)) {
            return;
        }
        for (String alias : Fields.keys(at)) {
            Located entry = at.get(alias);
            String why = Names.invalid(alias);
            if (why != null || ModelPattern.isPattern(alias)) {
                findings.problem(entry, why != null ? "the alias " + why : "an alias is one name, not a pattern");
                continue;
            }
            JsonNode value = entry.value();
            Located target = entry;
            if (value.isObject()) {
                fields.onlyKeys(entry, List.of("model", "hidden"));
                target = entry.get("model");
                if (Boolean.TRUE.equals(fields.bool(entry.get("hidden")))) {
                    hidden.add(alias);
                }
            } else if (!value.isTextual()) {
                findings.problem(entry, "must be the model it stands for, or {model: …, hidden: true}");
                continue;
            }
            String model = Names.check(target, findings, fields);
            if (model != null) {
                aliases.put(alias, model);
                aliasAt.put(alias, target);
            }
        }
    }

    /** A wildcard model's {@code allowed_models}: the names and patterns it may serve. */
    void readAllowed(String model, Located at) {
        if (at.isMissing()) {
            return;
        }
        if (!ModelPattern.isPattern(model)) {
            findings.problem(at, "applies to wildcard models only (a name with *, such as openai/*)");
            return;
        }
        if (!at.value().isArray() || at.value().isEmpty()) {
            findings.problem(at, "must be a list of model names or patterns, such as [openai/gpt-4o*, openai/o3]");
            return;
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < at.value().size(); i++) {
            String entry = Names.check(at.get(i), findings, fields);
            if (entry != null) {
                entries.add(entry);
            }
        }
        allowed.put(model, entries);
    }

    /**
     * The aliases and allowlists, once every model is known: an alias must name a served model (one of
     * its own, or a name a wildcard model serves) and must not be a served model's own name.
     */
    ModelNames names(Set<String> served, java.util.function.Function<String, java.util.Optional<String>> providerOf) {
        List<ModelPattern> patterns = served.stream().filter(ModelPattern::isPattern).map(ModelPattern::new).toList();
        Map<String, String> checked = new LinkedHashMap<>();
        aliases.forEach((alias, model) -> {
            Located at = aliasAt.get(alias);
            if (served.contains(alias)) {
                findings.problem(at, "'" + alias + "' is a configured model's own name; an alias must be another name");
            } else if (ModelPattern.isPattern(model)) {
                findings.problem(at, "must name one model, not a pattern");
            } else if (!served.contains(model) && patterns.stream().noneMatch(p -> p.matches(model))) {
                String nearest = Fields.nearest(model, served);
                findings.problem(at, "the model '" + model + "' is not configured"
                        + (nearest == null ? "" : " (did you mean '" + nearest + "'?)")
                        + "; an alias must name a configured model");
            } else {
                checked.put(alias, model);
            }
        });
        return new ModelNames(checked, hidden, allowed, providerOf);
    }
}
