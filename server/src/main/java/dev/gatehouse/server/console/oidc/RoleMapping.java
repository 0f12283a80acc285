package dev.gatehouse.server.console.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.AdminRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin role of a signed-in user, from one claim of their ID token: the claim's values (a
 * string, or an array of strings as {@code groups} usually is) are looked up in the configured
 * {@code roles:} lists. A user in several mapped groups gets the strongest of their roles (owner,
 * then key-admin, then auditor); a user in none gets no role and is not signed in.
 *
 * <p>The claim is found by its exact name first (Auth0 and others namespace theirs as a URL,
 * dots included), then as a path of nested objects ({@code realm_access.roles} in Keycloak).
 */
final class RoleMapping {

    private final String claim;
    private final Map<AdminRole, List<String>> roles;

    RoleMapping(String claim, Map<AdminRole, List<String>> roles) {
        this.claim = claim;
        this.roles = new EnumMap<>(AdminRole.class);
        this.roles.putAll(roles);
    }

    String claim() {
        return claim;
    }

    Optional<AdminRole> role(JsonNode claims) {
        List<String> values = values(claims);
        // AdminRole's order is from the strongest down.
        return Arrays.stream(AdminRole.values())
                .filter(role -> roles.getOrDefault(role, List.of()).stream().anyMatch(values::contains))
                .findFirst();
    }

    private List<String> values(JsonNode claims) {
        JsonNode node = claims.get(claim);
        if (node == null) {
            node = claims;
            for (String step : claim.split("\\.")) {
                node = node.path(step);
            }
        }
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(value -> {
                if (value.isTextual()) {
                    out.add(value.asText());
                }
            });
        }
        return out;
    }
}
