package dev.gatehouse.server.guardrail;

import dev.gatehouse.routing.ModelPattern;
import java.util.Map;
import java.util.Objects;

/**
 * The gateway's guardrail settings, the models that set their own ({@code guardrails:} on a model
 * entry: each key it sets replaces the gateway's, the others are inherited), and the named
 * policies a key or a team can be given ({@code guardrails: {policies: {strict: {...}}}}, built
 * the same way from the gateway's settings).
 *
 * @param defaults what every model without its own settings gets
 * @param byModel  by public model name
 * @param named    by policy name, for keys and teams that name one
 */
public record GuardrailPolicies(GuardrailSettings defaults, Map<String, GuardrailSettings> byModel,
        Map<String, GuardrailSettings> named) {

    public static final GuardrailPolicies DEFAULTS = new GuardrailPolicies(GuardrailSettings.DEFAULTS, Map.of());

    public GuardrailPolicies {
        Objects.requireNonNull(defaults, "defaults");
        byModel = Map.copyOf(byModel);
        named = Map.copyOf(named);
    }

    /** Without named policies. */
    public GuardrailPolicies(GuardrailSettings defaults, Map<String, GuardrailSettings> byModel) {
        this(defaults, byModel, Map.of());
    }

    /** One policy for every model. */
    public static GuardrailPolicies of(GuardrailSettings settings) {
        return new GuardrailPolicies(settings, Map.of());
    }

    /** The settings a request for {@code model} is checked with when neither its key nor its team names a policy. */
    public GuardrailSettings forModel(String model) {
        if (model == null) {
            return defaults;
        }
        GuardrailSettings own = byModel.get(model);
        if (own != null) {
            return own;
        }
        // A name a wildcard model serves is checked with that model's settings (docs/routing.md).
        return byModel.keySet().stream().filter(ModelPattern::isPattern).map(ModelPattern::new)
                .sorted(ModelPattern.MOST_SPECIFIC_FIRST).filter(pattern -> pattern.matches(model)).findFirst()
                .map(pattern -> byModel.get(pattern.text())).orElse(defaults);
    }

    /**
     * These policies with each alias checked as the model it stands for: an alias of a model with
     * settings of its own gets them, so that a stricter model can not be reached by another name.
     */
    public GuardrailPolicies withAliases(Map<String, String> aliases) {
        Map<String, GuardrailSettings> all = new java.util.HashMap<>(byModel);
        aliases.forEach((alias, model) -> {
            GuardrailSettings settings = forModel(model);
            if (settings != defaults) {
                all.putIfAbsent(alias, settings);
            }
        });
        return new GuardrailPolicies(defaults, all, named);
    }
}
