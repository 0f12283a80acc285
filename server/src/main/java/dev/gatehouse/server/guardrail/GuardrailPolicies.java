package dev.gatehouse.server.guardrail;

import java.util.Map;
import java.util.Objects;

/**
 * The gateway's guardrail settings and the models that set their own ({@code guardrails:} on a
 * model entry: each key it sets replaces the gateway's, the others are inherited).
 *
 * @param defaults what every model without its own settings gets
 * @param byModel  by public model name
 */
public record GuardrailPolicies(GuardrailSettings defaults, Map<String, GuardrailSettings> byModel) {

    public static final GuardrailPolicies DEFAULTS = new GuardrailPolicies(GuardrailSettings.DEFAULTS, Map.of());

    public GuardrailPolicies {
        Objects.requireNonNull(defaults, "defaults");
        byModel = Map.copyOf(byModel);
    }

    /** One policy for every model. */
    public static GuardrailPolicies of(GuardrailSettings settings) {
        return new GuardrailPolicies(settings, Map.of());
    }

    /** The settings a request for {@code model} is checked with. */
    public GuardrailSettings forModel(String model) {
        return model == null ? defaults : byModel.getOrDefault(model, defaults);
    }
}
