package dev.gatehouse.server.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.metrics.Metrics;
import dev.gatehouse.server.testing.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * docs/admin-api.openapi.yaml describes exactly the routes the admin API registers, with the
 * roles each allows; and docs/admin-api.md shows each of them.
 */
class OpenApiFileTest {

    private static final Path DOCS = Path.of("..", "docs");
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    private static JsonNode openApi() throws IOException {
        return new YAMLMapper().readTree(DOCS.resolve("admin-api.openapi.yaml").toFile());
    }

    /** "METHOD path" → roles, as the server registers them. */
    private static Map<String, List<String>> registered() {
        try (ControlPlane control = TestStores.h2ControlPlane()) {
            Map<String, List<String>> routes = new TreeMap<>();
            for (AdminRoute route : new AdminApi(control, dev.gatehouse.server.telemetry.Telemetry.metricsOnly(new Metrics())).routes()) {
                routes.put(route.method().text() + " " + route.path(),
                        route.permission().roles().stream().map(AdminRole::wireName).toList());
            }
            return routes;
        }
    }

    /** "METHOD path" → roles, as the OpenAPI file describes them. */
    private static Map<String, List<String>> described(JsonNode api) {
        Map<String, List<String>> routes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> path : api.get("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    List<String> roles = new ArrayList<>();
                    operation.path("x-gatehouse-roles").forEach(role -> roles.add(role.asText()));
                    routes.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(), roles);
                }
            }
        }
        return routes;
    }

    @Test
    void theOpenApiFileDescribesEveryRouteWithItsRolesAndNothingElse() throws IOException {
        JsonNode api = openApi();
        assertTrue(api.get("openapi").asText().startsWith("3.1."), "OpenAPI 3.1");
        assertEquals(registered(), described(api));
    }

    @Test
    void everyReferenceInTheOpenApiFileResolves() throws IOException {
        JsonNode api = openApi();
        List<String> broken = new ArrayList<>();
        collectRefs(api, new ArrayList<>()).forEach(ref -> {
            if (!ref.startsWith("#/") || api.at(ref.substring(1)).isMissingNode()) {
                broken.add(ref);
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void theGuideShowsEveryRoute() throws IOException {
        String guide = Files.readString(DOCS.resolve("admin-api.md"));
        List<String> missing = new ArrayList<>();
        for (String route : new TreeSet<>(registered().keySet())) {
            if (!guide.contains(route)) {
                missing.add(route);
            }
        }
        assertEquals(List.of(), missing, "docs/admin-api.md has a section per route, headed 'METHOD path'");
    }

    private static List<String> collectRefs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (field.getKey().equals("$ref")) {
                    into.add(field.getValue().asText());
                } else {
                    collectRefs(field.getValue(), into);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collectRefs(item, into));
        }
        return into;
    }
}
