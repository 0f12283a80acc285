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
 * @param providerOf the provider of a name written without one ({@code gpt-4o}), as LiteLLM infers it; a
 *                wildcard model or a key's pattern such as {@code openai/*} also matches such a name as
 *                {@code openai/gpt-4o}, after every pattern was tried on the name as written
 */
public record ModelNames(Map<String, String> aliases, java.util.Set<String> hidden,
        Map<String, List<String>> allowed, java.util.function.Function<String, java.util.Optional<String>> providerOf) {

    public static final ModelNames NONE = new ModelNames(Map.of(), java.util.Set.of(), Map.of());

    /** Names without inferred providers. */
    public ModelNames(Map<String, String> aliases, java.util.Set<String> hidden, Map<String, List<String>> allowed) {
        this(aliases, hidden, allowed, name -> java.util.Optional.empty());
    }

    public ModelNames {
        aliases = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(aliases)));
        hidden = java.util.Set.copyOf(hidden);
        allowed = Map.copyOf(allowed);
        Objects.requireNonNull(providerOf, "providerOf");
    }

    /**
     * Equal when the configured names are: the inference is the catalog's, the same for every
     * configuration, and a function has no equality of its own.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof ModelNames names && aliases.equals(names.aliases) && hidden.equals(names.hidden)
                && allowed.equals(names.allowed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(aliases, hidden, allowed);
    }

    /**
     * {@code name} with its inferred provider in front ({@code openai/gpt-4o} for {@code gpt-4o});
     * empty when it already has a prefix, or no provider is known for it.
     */
    public java.util.Optional<String> qualified(String name) {
        if (name == null || name.indexOf('/') >= 0 || ModelPattern.isPattern(name)) {
            return java.util.Optional.empty();
        }
        return providerOf.apply(name).map(provider -> provider + "/" + name);
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
