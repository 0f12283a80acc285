package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.OidcSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code console:} section: sessions, the public URL, single sign-on. */
class ConsoleConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    @Test
    void withoutASectionTheConsoleIsOnWithItsDefaults() {
        ConfigLoader.Loaded loaded = parse("models: []");
        assertEquals(ConsoleSettings.DEFAULTS, loaded.config().console());
        assertTrue(loaded.config().console().enabled());
        assertFalse(loaded.config().console().behindTls());
    }

    @Test
    void everySettingIsRead() {
        ConfigLoader.Loaded loaded = parse("""
                console:
                  enabled: true
                  idle_timeout_minutes: 15
                  max_age_hours: 8
                  public_url: https://gw.example.com/
                  oidc:
                    issuer: https://login.example.com/realms/acme
                    client_id: gatehouse
                    scopes: [groups]
                    role_claim: roles
                    name_claim: preferred_username
                    roles:
                      owner: [gatehouse-owners]
                      auditor: [security, compliance]
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        ConsoleSettings console = loaded.config().console();
        assertEquals(Duration.ofMinutes(15), console.idleTimeout());
        assertEquals(Duration.ofHours(8), console.maxAge());
        assertEquals(URI.create("https://gw.example.com"), console.publicUrl().orElseThrow());
        assertTrue(console.behindTls());
        OidcSettings oidc = console.oidc().orElseThrow();
        assertEquals(URI.create("https://login.example.com/realms/acme"), oidc.issuer());
        assertEquals("gatehouse", oidc.clientId());
        assertEquals(null, oidc.clientSecret(), "a public client");
        assertEquals(List.of("openid", "groups"), oidc.scopes());
        assertEquals("roles", oidc.roleClaim());
        assertEquals("preferred_username", oidc.nameClaim());
        assertEquals(List.of("gatehouse-owners"), oidc.roles().get(AdminRole.OWNER));
        assertEquals(List.of("security", "compliance"), oidc.roles().get(AdminRole.AUDITOR));
    }

    @Test
    void theDefaultsOfSingleSignOn() {
        ConfigLoader.Loaded loaded = parse("""
                console:
                  public_url: http://127.0.0.1:4000
                  oidc:
                    issuer: http://127.0.0.1:8080
                    client_id: gatehouse
                    roles: {key-admin: [platform]}
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        OidcSettings oidc = loaded.config().console().oidc().orElseThrow();
        assertEquals(List.of("openid", "email", "profile"), oidc.scopes());
        assertEquals("groups", oidc.roleClaim());
        assertEquals("email", oidc.nameClaim());
    }

    @Test
    void wrongSettingsAreNamed() {
        String problems = parse("""
                console:
                  idle_timeout_minutes: 0
                  max_age_hours: 10000
                  public_url: https://gw.example.com/console
                  colour: blue
                models: []
                """).problems().toString();
        assertTrue(problems.contains("console.idle_timeout_minutes"), problems);
        assertTrue(problems.contains("console.max_age_hours"), problems);
        assertTrue(problems.contains("without a path"), problems);
        assertTrue(problems.contains("colour"), problems);
    }

    @Test
    void singleSignOnNeedsAPublicUrlAnHttpsIssuerAndARole() {
        String problems = parse("""
                console:
                  oidc:
                    issuer: http://login.example.com
                    roles: {owner: []}
                    scopes: ["bad scope"]
                    role_claim: "not a claim"
                models: []
                """).problems().toString();
        assertTrue(problems.contains("needs console.public_url"), problems);
        assertTrue(problems.contains("must be an https:// URL"), problems);
        assertTrue(problems.contains("client_id"), problems);
        assertTrue(problems.contains("grants no role"), problems);
        assertTrue(problems.contains("not a scope"), problems);
        assertTrue(problems.contains("claim name"), problems);
        String unknownRole = parse("""
                console:
                  public_url: https://gw.example.com
                  oidc:
                    issuer: https://login.example.com
                    client_id: gatehouse
                    roles: {admin: [x]}
                models: []
                """).problems().toString();
        assertTrue(unknownRole.contains("admin"), unknownRole);
    }
}
