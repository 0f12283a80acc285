package dev.gatehouse.testkit.oidc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The user the fake provider signs in next: a subject and the further claims of the ID tokens it
 * issues for them (email, name, groups, or anything a test maps roles from).
 */
public record OidcUser(String subject, Map<String, Object> claims) {

    public OidcUser {
        Objects.requireNonNull(subject, "subject");
        claims = Map.copyOf(claims);
    }

    /** A user with an email, a display name and group memberships in the {@code groups} claim. */
    public static OidcUser of(String subject, String email, String name, List<String> groups) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("email", email);
        claims.put("name", name);
        claims.put("groups", List.copyOf(groups));
        return new OidcUser(subject, claims);
    }

    /** The same user with one more claim (or another value for one). */
    public OidcUser with(String claim, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(claims);
        more.put(claim, value);
        return new OidcUser(subject, more);
    }
}
