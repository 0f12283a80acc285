package dev.gatehouse.server.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a CycloneDX SBOM says the application is and holds, as {@code group:name:version}: the
 * application ({@code metadata.component}) and its {@code components}
 * (https://cyclonedx.org/docs/1.6/json/).
 */
record Sbom(String application, Set<String> components) {

    /** Throws IllegalArgumentException when {@code in} is not a CycloneDX JSON document. */
    static Sbom read(InputStream in) throws IOException {
        JsonNode root;
        try {
            root = Json.read(in);
        } catch (com.fasterxml.jackson.core.JacksonException notJson) {
            throw new IllegalArgumentException("not JSON", notJson);
        }
        if (root == null || !"CycloneDX".equals(root.path("bomFormat").asText())) {
            throw new IllegalArgumentException("not a CycloneDX document (no bomFormat CycloneDX)");
        }
        Set<String> components = new TreeSet<>();
        root.path("components").forEach(component -> components.add(coordinates(component)));
        return new Sbom(coordinates(root.path("metadata").path("component")), components);
    }

    private static String coordinates(JsonNode component) {
        return component.path("group").asText() + ":" + component.path("name").asText() + ":"
                + component.path("version").asText();
    }
}
