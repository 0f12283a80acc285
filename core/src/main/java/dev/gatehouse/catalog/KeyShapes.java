package dev.gatehouse.catalog;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names under which the catalog may hold a deployment's upstream model, most exact first.
 * A deployment names its model as its provider's API does, and LiteLLM's keys differ from that in
 * a few regular ways: a provider prefix ({@code gemini/…}, {@code azure/…}, {@code vertex_ai/…}),
 * Vertex's {@code @date} versions ({@code claude-3-5-haiku@20241022}), Bedrock's cross-region
 * inference profiles ({@code us.}, {@code eu.}, {@code apac.}, {@code jp.}, {@code global.} before
 * the model id: https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html),
 * and dated snapshots of a model ({@code -20250929}, {@code -latest}). Nothing looser: a name that
 * merely starts like a listed one may be another model at another price.
 */
final class KeyShapes {

    private static final Pattern SNAPSHOT = Pattern.compile("(.+)-(\\d{8}|latest)");
    private static final Pattern VERTEX_VERSION = Pattern.compile("(.+)@[\\w.-]+");
    private static final Pattern GEO = Pattern.compile("(?:us|eu|apac|jp|au|ca|us-gov|global)\\.(.+\\..+)");

    private KeyShapes() {}

    /** {@code model} without a dated-snapshot suffix ({@code -20250929}, {@code -latest}), or as it is. */
    static String snapshotBase(String model) {
        Matcher snapshot = SNAPSHOT.matcher(model);
        return snapshot.matches() ? snapshot.group(1) : model;
    }

    /** The names to try for {@code model} at {@code provider}, in order. */
    static List<String> candidates(String provider, String model) {
        Set<String> names = new LinkedHashSet<>();
        names.add(model);
        names.add(LiteLlmProviders.withoutPrefix(provider, model));
        for (String name : List.copyOf(names)) {
            Matcher geo = GEO.matcher(name);
            if (geo.matches()) {
                names.add(geo.group(1));
            }
        }
        for (String name : List.copyOf(names)) {
            Matcher version = VERTEX_VERSION.matcher(name);
            if (version.matches()) {
                names.add(version.group(1));
            }
        }
        for (String name : List.copyOf(names)) {
            Matcher snapshot = SNAPSHOT.matcher(name);
            if (snapshot.matches()) {
                names.add(snapshot.group(1));
            }
        }
        return List.copyOf(names);
    }
}
