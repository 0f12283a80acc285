package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.guardrail.pii.DenyList;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code guardrails:} section, and a model entry's own: what the input and output checks
 * look for and what they do with it (docs/guardrails.md, "Policies and configuration"). A key a
 * model sets replaces the gateway's; the keys it leaves out are the gateway's. Deny-list patterns are compiled
 * here once, so that one that does not compile or risks catastrophic backtracking stops the
 * configuration instead of a request.
 */
final class GuardrailsSection {

    /** The keys of one policy: the gateway's, a model's, a named one's. */
    static final List<String> KEYS = List.of("secrets", "personal_data", "deny", "max_prompt_characters", "webhook");
    /** The gateway's section also names the policies keys and teams can be given. */
    static final List<String> GATEWAY_KEYS = List.of("secrets", "personal_data", "deny", "max_prompt_characters",
            "webhook", "policies");
    /** A policy name as keys and teams store it. */
    private static final java.util.regex.Pattern POLICY_NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final List<String> SECRETS_KEYS = List.of("action", "allowlist");
    static final List<String> PERSONAL_DATA_KEYS = List.of("action", "kinds");
    static final List<String> DENY_KEYS = List.of("words", "patterns", "action");

    private GuardrailsSection() {}

    /**
     * The gateway's {@code guardrails:}, its named policies and each model entry's own.
     * {@code credentials} resolves a webhook's signing secret.
     */
    static GuardrailPolicies read(Located root, Findings findings, Credentials credentials) {
        Located section = root.get("guardrails");
        GuardrailSettings defaults = read(section, findings, credentials, GuardrailSettings.DEFAULTS, GATEWAY_KEYS);
        Map<String, GuardrailSettings> named = new LinkedHashMap<>();
        Located policies = section.get("policies");
        if (!policies.isMissing() && new Fields(findings).isMap(policies)) {
            for (String name : Fields.keys(policies)) {
                if (!POLICY_NAME.matcher(name).matches()) {
                    findings.problem(policies.get(name), "a policy name is 1 to 64 lower-case letters, digits, '_' or '-'");
                    continue;
                }
                named.put(name, read(policies.get(name), findings, credentials, defaults, KEYS));
            }
        }
        Map<String, GuardrailSettings> byModel = new LinkedHashMap<>();
        Located models = root.get("models");
        if (models.value().isArray()) {
            for (int i = 0; i < models.value().size(); i++) {
                Located model = models.get(i);
                JsonNode name = model.value().path("name");
                if (name.isTextual() && !model.get("guardrails").isMissing()) {
                    byModel.put(name.textValue(), read(model.get("guardrails"), findings, credentials, defaults, KEYS));
                }
            }
        }
        return new GuardrailPolicies(defaults, byModel, named);
    }

    private static GuardrailSettings read(Located at, Findings findings, Credentials credentials, GuardrailSettings d,
            List<String> keys) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, keys)) {
            return d;
        }
        GuardrailSettings.Secrets secrets = secrets(at.get("secrets"), findings, fields, d.secrets());
        GuardrailSettings.PersonalData personal = personalData(at.get("personal_data"), findings, fields,
                d.personalData());
        GuardrailSettings.Deny deny = deny(at.get("deny"), findings, fields, d.deny());
        Long max = fields.integer(at.get("max_prompt_characters"), 0, Integer.MAX_VALUE);
        return new GuardrailSettings(secrets, personal, deny, max == null ? d.maxPromptCharacters() : max,
                WebhookSection.read(at.get("webhook"), findings, credentials, d.webhook()));
    }

    private static GuardrailSettings.Secrets secrets(Located at, Findings findings, Fields fields,
            GuardrailSettings.Secrets d) {
        if (!fields.isSection(at, SECRETS_KEYS)) {
            return d;
        }
        Action action = action(at.get("action"), GuardrailSettings.Secrets.ACTIONS, d.action(), findings, fields);
        if (at.get("allowlist").isMissing()) {
            return new GuardrailSettings.Secrets(action, d.allowlist());
        }
        List<String> allowlist = strings(at.get("allowlist"), findings, fields);
        return new GuardrailSettings.Secrets(action, new LinkedHashSet<>(allowlist));
    }

    private static GuardrailSettings.PersonalData personalData(Located at, Findings findings, Fields fields,
            GuardrailSettings.PersonalData d) {
        if (!fields.isSection(at, PERSONAL_DATA_KEYS)) {
            return d;
        }
        Action action = action(at.get("action"), GuardrailSettings.PersonalData.ACTIONS, d.action(), findings,
                fields);
        if (at.get("kinds").isMissing()) {
            return new GuardrailSettings.PersonalData(action, d.kinds());
        }
        Set<PiiKind> kinds = EnumSet.noneOf(PiiKind.class);
        List<String> names = strings(at.get("kinds"), findings, fields);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            PiiKind.named(name).ifPresentOrElse(kinds::add, () -> findings.problem(at.get("kinds"),
                    "names an unknown kind of personal data '" + name + "'; known: " + knownKinds()));
        }
        return new GuardrailSettings.PersonalData(action, kinds);
    }

    private static GuardrailSettings.Deny deny(Located at, Findings findings, Fields fields, GuardrailSettings.Deny d) {
        if (!fields.isSection(at, DENY_KEYS)) {
            return d;
        }
        Action action = action(at.get("action"), GuardrailSettings.Deny.ACTIONS, d.action(), findings, fields);
        List<String> words = at.get("words").isMissing() ? d.words() : strings(at.get("words"), findings, fields);
        Map<String, String> patterns = new LinkedHashMap<>();
        Located map = at.get("patterns");
        if (map.isMissing()) {
            patterns.putAll(d.patterns());
        } else if (fields.isMap(map)) {
            for (String name : Fields.keys(map)) {
                String regex = fields.text(map.get(name));
                if (regex != null) {
                    patterns.put(name, regex);
                }
            }
        }
        try {
            // Built once here only to refuse what would fail later; the guard builds its own.
            DenyList.of(words, patterns.entrySet().stream()
                    .map(e -> new DenyList.NamedPattern(e.getKey(), e.getValue())).toList());
        } catch (IllegalArgumentException e) {
            findings.problem(at, e.getMessage());
        }
        return new GuardrailSettings.Deny(words, patterns, action);
    }

    private static Action action(Located at, Set<Action> allowed, Action fallback, Findings findings, Fields fields) {
        // YAML 1.1 reads a bare off as false: the file means the word.
        String text = at.value().isBoolean() && !at.value().booleanValue() ? "off" : fields.text(at);
        if (text == null) {
            return fallback;
        }
        for (Action action : allowed) {
            if (action.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
                return action;
            }
        }
        findings.problem(at, "must be one of " + allowed.stream().map(Action::wireName).collect(Collectors.joining(", ")));
        return fallback;
    }

    /** A list of strings; anything else is a problem and reads as empty. */
    private static List<String> strings(Located at, Findings findings, Fields fields) {
        List<String> out = new ArrayList<>();
        if (at.isMissing()) {
            return out;
        }
        if (!at.value().isArray()) {
            findings.problem(at, "must be a list of strings");
            return out;
        }
        for (int i = 0; i < at.value().size(); i++) {
            String value = fields.text(at.get(i));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    private static String knownKinds() {
        return java.util.Arrays.stream(PiiKind.values()).map(PiiKind::kind).collect(Collectors.joining(", "));
    }
}
