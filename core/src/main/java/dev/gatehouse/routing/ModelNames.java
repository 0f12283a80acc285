package dev.gatehouse.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The names a gateway answers besides its models' own: aliases, each serving another model's
 * group, and the allowlists of wildcard models (which requested names a pattern such as
 * {@code openai/*} may serve). docs/routing.md, "Aliases and wildcard models".
 *
 * @param aliases every alias, to the public model name that serves it
 * @param hidden  the aliases left out of the model list
 * @param allowed per wildcard model (its pattern), the names and patterns a requested name must be one of;
 *                a wildcard model not listed here serves every name it matches
 */
public record ModelNames(Map<String, String> aliases, java.util.Set<String> hidden,
        Map<String, List<String>> allowed) {

    public static final ModelNames NONE = new ModelNames(Map.of(), java.util.Set.of(), Map.of());

    public ModelNames {
        aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(aliases)));
        hidden = java.util.Set.copyOf(hidden);
        allowed = Map.copyOf(allowed);
    }

    /** The model an alias stands for, or null when {@code name} is not an alias. */
    public String target(String name) {
        return aliases.get(name);
    }

    /** Whether the wildcard model {@code pattern} may serve {@code requested} (its allowlist, if it has one). */
    boolean allows(String pattern, String requested) {
        List<String> list = allowed.get(pattern);
        return list == null || list.stream().anyMatch(entry -> ModelPattern.admits(entry, requested));
    }
}
