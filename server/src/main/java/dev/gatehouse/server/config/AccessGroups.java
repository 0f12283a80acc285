package dev.gatehouse.server.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads each deployment's {@code access_groups} (LiteLLM: {@code model_info.access_groups}): names
 * a key's allowed models may use instead of listing every model. A model belongs to the union of
 * its deployments' groups. A group may not share a name with a model, so that an entry in a key's
 * list means one thing.
 */
final class AccessGroups {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

    private AccessGroups() {}

    static Map<String, Set<String>> read(List<DeploymentInput> inputs, Findings findings) {
        Map<String, Set<String>> groups = new HashMap<>();
        Set<String> models = new LinkedHashSet<>();
        inputs.forEach(input -> models.add(input.publicName()));
        for (DeploymentInput input : inputs) {
            Located at = input.setting("access_groups");
            if (at.isMissing()) {
                continue;
            }
            if (!at.value().isArray()) {
                findings.problem(at, "must be a list of access group names");
                continue;
            }
            for (int i = 0; i < at.value().size(); i++) {
                Located item = at.get(i);
                String name = item.value().isTextual() ? item.value().textValue() : null;
                if (name == null || !NAME.matcher(name).matches() || name.equals("*")) {
                    findings.problem(item, "an access group name is 1 to 200 letters, digits and . _ : / -");
                } else if (models.contains(name)) {
                    findings.problem(item, "'" + name + "' is also a model name; give the group another name");
                } else {
                    groups.computeIfAbsent(input.publicName(), m -> new LinkedHashSet<>()).add(name);
                }
            }
        }
        return groups;
    }
}
