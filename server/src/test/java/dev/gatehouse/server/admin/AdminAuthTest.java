package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.audit.AuditVerifier;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyFormat;
import dev.gatehouse.server.auth.Limits;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Who may call what: 401 for every kind of missing admin key, alike; 403 naming the role needed. */
class AdminAuthTest {

    private static AdminServer server;

    @BeforeAll
    static void start() {
        server = new AdminServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void missingMalformedUnknownAndRevokedAdminKeysGetTheSame401() {
        var revoked = server.control.adminKeys().create("soon revoked", AdminRole.OWNER, Actor.CLI);
        server.control.adminKeys().revoke(revoked.key().id(), Actor.CLI);
        List<HttpResponse<String>> answers = List.of(
                server.admin("GET", "/admin/keys", null, null),
                server.send(server.gatehouse.adminPort(), "GET", "/admin/keys", Map.of("authorization",
                        "Basic b3duZXI6cHc="), null, true),
                server.admin("GET", "/admin/keys", "not-a-key", null),
                server.admin("GET", "/admin/keys", KeyFormat.ADMIN.generate(), null),
                server.admin("GET", "/admin/keys", KeyFormat.VIRTUAL.generate(), null),
                server.admin("GET", "/admin/keys", revoked.secret(), null));
        for (HttpResponse<String> answer : answers) {
            JsonNode error = server.error(401, answer);
            assertEquals("invalid_admin_key", error.get("code").asText());
            assertEquals(answers.getFirst().body(), answer.body(), "every 401 is the same");
        }
        assertTrue(server.admin("GET", "/admin/keys", server.owner, null).statusCode() == 200);
    }

    @Test
    void aVirtualKeyIsNotAnAdminKey() {
        String virtual = server.control.keys().createKey(new KeyDraft("v", null, List.of("*"), Set.of(), List.of(),
                null, Limits.NONE, Json.object()), Actor.CLI).secret();
        server.error(401, server.admin("GET", "/admin/teams", virtual, null));
        server.error(401, server.admin("POST", "/key/generate", virtual, "{\"models\":[\"mock\"]}"));
    }

    /**
     * Anyone can fail an admin login, with no key at all, as often as they like: each failure used
     * to append a hash-chained entry. Now they are counted per source address and minute and
     * written as one entry with the count when the minute ends (or at shutdown).
     */
    @Test
    void failedAdminLoginsAreCountedIntoOneEntryPerAddressAndMinute() {
        try (AdminServer own = new AdminServer()) {
            for (int i = 0; i < 150; i++) {
                own.admin("GET", "/admin/teams", i % 3 == 0 ? KeyFormat.ADMIN.generate() : null, null);
            }
            own.control.audit().close(); // writes the counts of the minute not yet over
            List<AuditEntry> failed = own.control.audit().list(0, 10_000).stream()
                    .filter(e -> e.action().equals("admin.auth_failed")).toList();
            // One entry per minute: two if a minute ended while the test ran.
            assertTrue(failed.size() == 1 || failed.size() == 2, failed.toString());
            long count = 0;
            for (AuditEntry entry : failed) {
                assertEquals("127.0.0.1", entry.source());
                count += Json.parseUpstream(entry.details(), "test").get("count").asLong();
            }
            assertEquals(150, count);
            assertTrue(AuditVerifier.verify(own.control.database()).intact());
        }
    }

    /** Dropped audit events are counted in the metrics, and readiness says the audit log is degraded. */
    @Test
    void droppedAuditEventsShowInMetricsAndReadiness() {
        try (AdminServer own = new AdminServer()) {
            HttpResponse<String> ready = own.send(own.gatehouse.port(), "GET", "/health/readiness", Map.of(), null,
                    false);
            assertFalse(ready.body().contains("audit"), ready.body());
            own.control.database().update("ALTER TABLE audit_log RENAME TO audit_log_away");
            for (int i = 0; i < 10_050; i++) {
                own.control.audit().record(new Actor("key:key_1", "10.0.0.9").event("scope.denied", "key:key_1"));
            }
            ready = own.send(own.gatehouse.port(), "GET", "/health/readiness", Map.of(), null, false);
            assertEquals(200, ready.statusCode(), "still ready: requests are served, some events are lost");
            assertTrue(ready.body().contains("\"audit\":\"degraded\""), ready.body());
            assertTrue(own.gatehouse.metrics().scrape().matches("(?s).*gatehouse_audit_events_dropped_total [1-9].*"));
            own.control.audit().close();
            own.control.database().update("ALTER TABLE audit_log_away RENAME TO audit_log");
        }
    }

    /**
     * Every route, as every role, with placeholder ids and an empty object: the roles allowed get
     * past the role check (any answer but 401/403), the others get a 403 that names the role needed.
     */
    @Test
    void everyRouteAllowsExactlyItsRoles() {
        AdminApi api = new AdminApi(server.control, dev.gatehouse.server.telemetry.Telemetry.metricsOnly(server.gatehouse.metrics()));
        List<String> mismatches = new ArrayList<>();
        for (AdminRoute route : api.routes()) {
            String path = route.path().replaceAll("\\{[a-z_]+}", "x_unknown");
            String body = route.method().text().equals("GET") || route.method().text().equals("DELETE") ? null : "{}";
            if (route.path().equals("/key/info")) {
                path += "?key=x_unknown";
            }
            for (AdminRole role : AdminRole.values()) {
                HttpResponse<String> answer = server.admin(route.method().text(), path, server.secret(role), body);
                boolean allowed = route.permission().allows(role);
                if (allowed && (answer.statusCode() == 403 || answer.statusCode() == 401)) {
                    mismatches.add(role.wireName() + " refused on " + route.method().text() + " " + route.path()
                            + ": " + answer.body());
                } else if (!allowed) {
                    if (answer.statusCode() != 403) {
                        mismatches.add(role.wireName() + " allowed on " + route.method().text() + " " + route.path()
                                + ": " + answer.statusCode());
                    } else {
                        JsonNode error = server.error(403, answer);
                        assertEquals("insufficient_role", error.get("code").asText());
                        assertTrue(error.get("message").asText().contains(route.permission().roles().getFirst()
                                .wireName()), error.toString());
                    }
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    @Test
    void theRolesAreAsDocumented() {
        assertEquals(List.of(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR), Permission.READ_KEYS.roles());
        assertEquals(List.of(AdminRole.OWNER, AdminRole.KEY_ADMIN), Permission.MANAGE_KEYS.roles());
        assertEquals(List.of(AdminRole.OWNER, AdminRole.AUDITOR), Permission.READ_AUDIT.roles());
        assertEquals(List.of(AdminRole.OWNER), Permission.OWNER.roles());
        assertEquals(List.of(AdminRole.OWNER, AdminRole.KEY_ADMIN, AdminRole.AUDITOR), Permission.READ_BUILD.roles());
    }

    @Test
    void aKeyAdminManagesKeysButNotCredentialsOrAdmins() {
        HttpResponse<String> created = server.admin("POST", "/admin/keys", server.keyAdmin,
                "{\"name\":\"by key admin\",\"models\":[\"mock\"]}");
        assertEquals(201, created.statusCode(), created.body());
        server.error(403, server.admin("PUT", "/admin/credentials/x", server.keyAdmin, "{\"value\":\"v\"}"));
        server.error(403, server.admin("POST", "/admin/admin-keys", server.keyAdmin,
                "{\"name\":\"escalate\",\"role\":\"owner\"}"));
        server.error(403, server.admin("GET", "/admin/audit", server.keyAdmin, null));
    }

    @Test
    void anAuditorOnlyReads() {
        assertEquals(200, server.admin("GET", "/admin/keys", server.auditor, null).statusCode());
        assertEquals(200, server.admin("GET", "/admin/teams", server.auditor, null).statusCode());
        assertEquals(200, server.admin("GET", "/admin/audit", server.auditor, null).statusCode());
        assertEquals(200, server.admin("GET", "/admin/audit/verify", server.auditor, null).statusCode());
        JsonNode error = server.error(403, server.admin("POST", "/admin/keys", server.auditor,
                "{\"name\":\"no\",\"models\":[\"mock\"]}"));
        assertTrue(error.get("message").asText().contains("owner or key-admin"), error.toString());
        assertTrue(error.get("message").asText().contains("auditor"), error.toString());
        assertNotEquals(200, server.admin("GET", "/admin/credentials", server.auditor, null).statusCode());
    }
}
