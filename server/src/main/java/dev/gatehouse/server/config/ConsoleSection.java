package dev.gatehouse.server.config;

import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.OidcSettings;
import dev.gatehouse.secret.Secret;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code console:} section: whether the admin console is served, how long its sessions
 * last, the origin its users reach it at, and single sign-on (docs/console.md).
 */
final class ConsoleSection {

    static final List<String> KEYS = List.of("enabled", "idle_timeout_minutes", "max_age_hours", "public_url", "oidc");
    static final List<String> OIDC_KEYS = List.of("issuer", "client_id", "client_secret", "scopes", "role_claim",
            "roles", "name_claim");
    private static final Pattern CLAIM = Pattern.compile("[A-Za-z0-9_.:/-]{1,200}");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,200}");

    private ConsoleSection() {}

    static ConsoleSettings read(Located at, Findings findings, Credentials credentials) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return ConsoleSettings.DEFAULTS;
        }
        ConsoleSettings d = ConsoleSettings.DEFAULTS;
        Boolean enabled = fields.bool(at.get("enabled"));
        Long idle = fields.integer(at.get("idle_timeout_minutes"), 1, 24 * 60);
        Long maxAge = fields.integer(at.get("max_age_hours"), 1, 30 * 24);
        Optional<URI> publicUrl = Optional.ofNullable(publicUrl(at.get("public_url"), findings, fields));
        Optional<OidcSettings> oidc = Optional.ofNullable(oidc(at.get("oidc"), findings, fields, credentials));
        if (!at.get("oidc").isMissing() && publicUrl.isEmpty() && at.get("public_url").isMissing()) {
            findings.problem(at.get("oidc"), "needs console.public_url: the issuer sends users back to"
                    + " <public_url>/ui/oidc/callback");
        }
        return new ConsoleSettings(enabled == null || enabled,
                idle != null ? Duration.ofMinutes(idle) : d.idleTimeout(),
                maxAge != null ? Duration.ofHours(maxAge) : d.maxAge(), publicUrl, oidc);
    }

    /** An origin: scheme, host and port, no path (the console's paths start at /ui). */
    private static URI publicUrl(Located at, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text == null) {
            return null;
        }
        String problem = TelemetrySection.httpUrlProblem(text);
        URI url = problem == null ? URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text) : null;
        if (url != null && url.getRawPath() != null && !url.getRawPath().isEmpty()) {
            problem = "must be an origin without a path, such as https://gw.example.com (the console is at /ui)";
        }
        if (problem != null) {
            findings.problem(at, problem);
            return null;
        }
        return url;
    }

    private static OidcSettings oidc(Located at, Findings findings, Fields fields, Credentials credentials) {
        if (!fields.isSection(at, OIDC_KEYS)) {
            return null;
        }
        URI issuer = issuer(at.get("issuer"), findings, fields);
        String clientId = fields.text(at.get("client_id"));
        if (clientId == null || clientId.isBlank()) {
            findings.problem(at.get("client_id"), "is required: this console's client id at the issuer");
        }
        Secret secret = at.get("client_secret").isMissing() ? null : credentials.resolve(at.get("client_secret"));
        String roleClaim = claim(at.get("role_claim"), "groups", findings, fields);
        String nameClaim = claim(at.get("name_claim"), "email", findings, fields);
        List<String> scopes = scopes(at.get("scopes"), findings, fields);
        Map<AdminRole, List<String>> roles = roles(at.get("roles"), findings, fields);
        if (issuer == null || clientId == null || clientId.isBlank() || roles == null) {
            return null;
        }
        return new OidcSettings(issuer, clientId, secret, scopes, roleClaim, roles, nameClaim);
    }

    /**
     * An https URL (OpenID Connect Discovery 1.0, section 3, requires it); http only on a loopback
     * address, for an issuer on the same machine.
     */
    private static URI issuer(Located at, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text == null) {
            findings.problem(at, "is required: the issuer's URL, as its tokens' iss claim says it");
            return null;
        }
        String problem = TelemetrySection.httpUrlProblem(text);
        if (problem == null && text.startsWith("http://") && !loopback(URI.create(text).getHost())) {
            problem = "must be an https:// URL (http:// only for an issuer on this machine's loopback address)";
        }
        if (problem != null) {
            findings.problem(at, problem);
            return null;
        }
        return URI.create(text);
    }

    private static boolean loopback(String host) {
        try {
            return host.equals("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String claim(Located at, String fallback, Findings findings, Fields fields) {
        String text = fields.text(at);
        if (text == null) {
            return fallback;
        }
        if (!CLAIM.matcher(text).matches()) {
            findings.problem(at, "must be a claim name (letters, digits, _ . : / -)");
            return fallback;
        }
        return text;
    }

    private static List<String> scopes(Located at, Findings findings, Fields fields) {
        LinkedHashSet<String> scopes = new LinkedHashSet<>(List.of("openid"));
        if (at.isMissing()) {
            scopes.addAll(OidcSettings.DEFAULT_SCOPES);
            return List.copyOf(scopes);
        }
        for (String scope : strings(at, findings, fields)) {
            if (!SCOPE.matcher(scope).matches()) {
                findings.problem(at, "holds '" + scope + "', which is not a scope (RFC 6749, section 3.3)");
            } else {
                scopes.add(scope);
            }
        }
        return List.copyOf(scopes);
    }

    /** Per role, the claim values granting it; at least one value in all, or nobody could sign in. */
    private static Map<AdminRole, List<String>> roles(Located at, Findings findings, Fields fields) {
        if (at.isMissing()) {
            findings.problem(at, "is required: which values of the role claim make an owner, a key-admin or an"
                    + " auditor, such as {owner: [gatehouse-owners]}");
            return null;
        }
        if (!fields.isSection(at, List.of("owner", "key-admin", "auditor"))) {
            return null;
        }
        Map<AdminRole, List<String>> roles = new EnumMap<>(AdminRole.class);
        for (String name : Fields.keys(at)) {
            AdminRole.fromWire(name).ifPresent(role -> roles.put(role, strings(at.get(name), findings, fields)));
        }
        if (roles.values().stream().allMatch(List::isEmpty)) {
            findings.problem(at, "grants no role to anyone: give at least one claim value");
            return null;
        }
        return roles;
    }

    private static List<String> strings(Located at, Findings findings, Fields fields) {
        List<String> values = new ArrayList<>();
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of strings");
            return values;
        }
        for (int i = 0; i < at.value().size(); i++) {
            String value = fields.text(at.get(i));
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }
}
