package dev.gatehouse.server.console.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.auth.AdminRole;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A claim's values to an admin role: the strongest mapped one, or none. */
class RoleMappingTest {

    private static final Map<AdminRole, List<String>> ROLES = Map.of(
            AdminRole.OWNER, List.of("gatehouse-owners"),
            AdminRole.KEY_ADMIN, List.of("platform-team", "/platform"),
            AdminRole.AUDITOR, List.of("security"));

    private static JsonNode claims(String json) throws Exception {
        return Json.readRequest(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theStrongestMappedRoleWins() throws Exception {
        RoleMapping mapping = new RoleMapping("groups", ROLES);
        assertEquals(Optional.of(AdminRole.KEY_ADMIN), mapping.role(claims("{\"groups\":[\"security\",\"platform-team\"]}")));
        assertEquals(Optional.of(AdminRole.OWNER),
                mapping.role(claims("{\"groups\":[\"security\",\"gatehouse-owners\",\"x\"]}")));
        assertEquals(Optional.of(AdminRole.AUDITOR), mapping.role(claims("{\"groups\":\"security\"}")), "a single string");
    }

    @Test
    void noMappedValueMeansNoRole() throws Exception {
        RoleMapping mapping = new RoleMapping("groups", ROLES);
        assertEquals(Optional.empty(), mapping.role(claims("{\"groups\":[\"everyone\"]}")));
        assertEquals(Optional.empty(), mapping.role(claims("{\"email\":\"a@example.com\"}")));
        assertEquals(Optional.empty(), mapping.role(claims("{\"groups\":[[\"security\"],{\"x\":\"security\"},7]}")),
                "only strings count");
        assertEquals(Optional.empty(), mapping.role(claims("{\"groups\":[\"Security\"]}")), "values match exactly");
    }

    @Test
    void aClaimIsFoundByItsNameThenAsANestedPath() throws Exception {
        assertEquals(Optional.of(AdminRole.AUDITOR), new RoleMapping("realm_access.roles", ROLES)
                .role(claims("{\"realm_access\":{\"roles\":[\"offline_access\",\"security\"]}}")));
        assertEquals(Optional.of(AdminRole.OWNER), new RoleMapping("https://example.com/groups", ROLES)
                .role(claims("{\"https://example.com/groups\":[\"gatehouse-owners\"]}")));
    }
}
