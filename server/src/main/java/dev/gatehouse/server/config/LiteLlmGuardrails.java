package dev.gatehouse.server.config;

import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * LiteLLM's guardrails in Gatehouse's terms: the top-level {@code guardrails:} list (LiteLLM's
 * page proxy/guardrails/quick_start) and the older {@code litellm_settings.callbacks} entries.
 * What Gatehouse's own checks do is mapped: secret detection ({@code hide-secrets}) becomes
 * {@code secrets: mask}, as LiteLLM redacts; Presidio becomes {@code personal_data} for the kinds
 * Gatehouse finds. Every other guardrail, and every key that does not map, is a warning naming it
 * (docs/migrating-from-litellm.md, "Guardrails").
 */
final class LiteLlmGuardrails {

    static final Set<String> MODES = Set.of("pre_call", "during_call", "post_call", "logging_only", "pre_mcp_call",
            "during_mcp_call");
    /** Modes that check the request before the upstream sees it: Gatehouse's input checks. */
    static final Set<String> INPUT_MODES = Set.of("pre_call", "during_call");
    static final String WEBHOOKS = "docs/guardrails.md, \"External guardrails (webhooks)\"";
    /** The callbacks read here; LiteLlmCallbacks reads the rest. */
    static final Set<String> CALLBACKS = Set.of("hide_secrets", "presidio", "detect_prompt_injection",
            "lakera_prompt_injection", "llamaguard_moderations", "llmguard_moderations", "google_text_moderation",
            "openai_moderations");

    private final Findings findings;
    private final Fields fields;
    private Action secrets;
    private GuardrailSettings.PersonalData personalData;
    private String personalDataFrom;

    private LiteLlmGuardrails(Findings findings) {
        this.findings = findings;
        this.fields = new Fields(findings);
    }

    /** The policy the file's guardrails stand for; Gatehouse's defaults where it names none. */
    static GuardrailPolicies read(Located root, Findings findings) {
        LiteLlmGuardrails reader = new LiteLlmGuardrails(findings);
        reader.list(root.get("guardrails"));
        reader.callbacks(root.get("litellm_settings"));
        GuardrailSettings d = GuardrailSettings.DEFAULTS;
        GuardrailSettings.Secrets secrets = reader.secrets == null ? d.secrets()
                : new GuardrailSettings.Secrets(reader.secrets, d.secrets().allowlist());
        GuardrailSettings.PersonalData personal = reader.personalData == null ? d.personalData() : reader.personalData;
        return GuardrailPolicies.of(new GuardrailSettings(secrets, personal, d.deny(), d.maxPromptCharacters()));
    }

    private void list(Located list) {
        if (list.isMissing()) {
            return;
        }
        if (!list.value().isArray()) {
            findings.problem(list, "must be a list of guardrails, each with guardrail_name and litellm_params");
            return;
        }
        for (int i = 0; i < list.value().size(); i++) {
            entry(list.get(i));
        }
    }

    private void entry(Located entry) {
        if (!entry.value().isObject()) {
            findings.problem(entry, "must be a map with guardrail_name and litellm_params");
            return;
        }
        for (String key : Fields.keys(entry)) {
            if (!key.equals("guardrail_name") && !key.equals("litellm_params")) {
                findings.warn(entry.get(key), "not supported, ignored");
            }
        }
        Located nameAt = entry.get("guardrail_name");
        Located params = entry.get("litellm_params");
        if (nameAt.isMissing()) {
            findings.problem(nameAt, "required: the guardrail's name");
        }
        if (params.isMissing()) {
            findings.problem(params, "required: the guardrail (guardrail:, mode:)");
        }
        String name = fields.text(nameAt);
        if (name == null || params.isMissing() || !fields.isMap(params)) {
            return;
        }
        Located kindAt = params.get("guardrail");
        if (kindAt.isMissing()) {
            findings.problem(kindAt, "required: which guardrail, such as presidio or hide-secrets");
            return;
        }
        String kind = fields.text(kindAt);
        Set<String> modes = modes(params.get("mode"));
        if (kind == null || modes == null) {
            return;
        }
        switch (kind) {
            case "hide-secrets", "hide_secrets" -> hideSecrets(name, params, modes);
            case "presidio" -> presidio(name, params, modes);
            default -> findings.warn(kindAt, "guardrail '" + name + "' (" + kind + ") is not built into Gatehouse,"
                    + " ignored: reach it through a webhook (" + WEBHOOKS + ")");
        }
    }

    /** LiteLLM's secret detection redacts what it finds: Gatehouse's {@code secrets: mask}. */
    private void hideSecrets(String name, Located params, Set<String> modes) {
        boolean input = applies(name, params, modes, "secrets");
        for (String key : Fields.keys(params)) {
            switch (key) {
                case "guardrail", "mode", "default_on" -> { }
                case "detect_secrets_config" -> findings.warn(params.get(key), "not supported, ignored: Gatehouse"
                        + " runs its own detectors (docs/guardrails.md, \"What it finds\")");
                default -> findings.warn(params.get(key), "not supported, ignored");
            }
        }
        if (input) {
            secrets = Action.MASK;
        }
    }

    /**
     * Presidio: {@code pii_entities_config} names the kinds and MASK or BLOCK for each; without it
     * every kind is masked. {@code output_parse_pii} puts the originals back in the answer:
     * Gatehouse's reversible masking.
     */
    private void presidio(String name, Located params, Set<String> modes) {
        boolean input = applies(name, params, modes, "personal data");
        Located scope = params.get("presidio_filter_scope");
        String scopeText = fields.text(scope);
        if ("output".equals(scopeText)) {
            findings.warn(scope, "guardrail '" + name + "' checks answers only, and Gatehouse checks personal data in"
                    + " requests only: not mapped");
            input = false;
        }
        for (String key : Fields.keys(params)) {
            switch (key) {
                case "guardrail", "mode", "default_on", "pii_entities_config", "output_parse_pii",
                        "presidio_filter_scope" -> { }
                case "presidio_analyzer_api_base", "presidio_anonymizer_api_base" -> findings.warn(params.get(key),
                        "not needed: Gatehouse's detectors run inside it, no Presidio service is called");
                default -> findings.warn(params.get(key), "not supported, ignored");
            }
        }
        GuardrailSettings.PersonalData read = input ? LiteLlmPresidio.personalData(name, params, findings) : null;
        if (read == null) {
            return;
        }
        if (personalData != null) {
            findings.warn(params.get("guardrail"), "guardrail '" + name + "' ignored: Gatehouse has one personal-data"
                    + " policy, and guardrail '" + personalDataFrom + "' set it already");
            return;
        }
        personalData = read;
        personalDataFrom = name;
    }

    /**
     * Whether a guardrail checks requests, with a warning for each of its modes that does not map
     * and for {@code default_on} not set: LiteLLM then runs it only for requests that name it
     * ({@code "guardrails": [...]}), and Gatehouse applies its checks by model, never per request.
     */
    private boolean applies(String name, Located params, Set<String> modes, String what) {
        Located modeAt = params.get("mode");
        boolean input = modes.stream().anyMatch(INPUT_MODES::contains);
        if (modes.contains("post_call")) {
            findings.warn(modeAt, "guardrail '" + name + "': post_call checks answers, where Gatehouse checks secrets"
                    + " only (masked whenever secrets are masked or blocked)" + (what.equals("secrets") ? ""
                    : "; personal data in answers is not checked"));
        }
        if (modes.contains("logging_only")) {
            findings.warn(modeAt, "guardrail '" + name + "': logging_only masks what is logged; Gatehouse logs no"
                    + " prompt or answer, so there is nothing to mask");
        }
        if (modes.contains("pre_mcp_call") || modes.contains("during_mcp_call")) {
            findings.warn(modeAt, "guardrail '" + name + "': Gatehouse makes no MCP calls; the MCP modes are ignored");
        }
        if (!input) {
            findings.warn(params.get("guardrail"), "guardrail '" + name + "' does not check requests (pre_call or"
                    + " during_call): not mapped to Gatehouse's " + what + " check");
            return false;
        }
        Located on = params.get("default_on");
        if (!Boolean.TRUE.equals(fields.bool(on))) {
            findings.warn(on.isMissing() ? params.get("guardrail") : on, "guardrail '" + name + "' is not default_on:"
                    + " LiteLLM runs it only for requests that name it; Gatehouse applies its checks by model, team and"
                    + " key, never per request, so it runs on every request");
        }
        return true;
    }

    /** LiteLLM's mode: one name or a list; a tag-based mode's default. Null when it can not be read (reported). */
    private Set<String> modes(Located at) {
        if (at.isMissing()) {
            findings.problem(at, "required: pre_call, during_call, post_call or logging_only");
            return null;
        }
        List<Located> names = new ArrayList<>();
        if (at.value().isArray()) {
            for (int i = 0; i < at.value().size(); i++) {
                names.add(at.get(i));
            }
        } else if (at.value().isObject()) {
            if (at.value().has("tags")) {
                findings.warn(at.get("tags"), "not supported: tag-based modes run their default for every request");
            }
            names.add(at.get("default"));
        } else {
            names.add(at);
        }
        Set<String> modes = new LinkedHashSet<>();
        for (Located name : names) {
            String mode = fields.text(name);
            if (mode != null && !MODES.contains(mode)) {
                findings.problem(name, "must be one of pre_call, during_call, post_call, logging_only");
                return null;
            }
            if (mode != null) {
                modes.add(mode);
            }
        }
        return modes;
    }

    /**
     * The older form: {@code litellm_settings.callbacks} naming {@code hide_secrets} or
     * {@code presidio} (with {@code output_parse_pii} beside it), which LiteLLM runs on every request.
     */
    private void callbacks(Located settings) {
        Located list = settings.get("callbacks");
        Located parse = settings.get("output_parse_pii");
        boolean presidio = false;
        if (list.value().isArray()) {
            for (int i = 0; i < list.value().size(); i++) {
                Located at = list.get(i);
                String name = at.value().isTextual() ? at.value().textValue() : at.value().toString();
                switch (name) {
                    case "hide_secrets" -> secrets = Action.MASK;
                    case "presidio" -> {
                        presidio = true;
                        callbackPresidio(at, parse);
                    }
                    case "detect_prompt_injection", "lakera_prompt_injection", "llamaguard_moderations",
                            "llmguard_moderations", "google_text_moderation", "openai_moderations" -> findings.warn(at,
                            "guardrail " + name + " is not built into Gatehouse, ignored: reach it through a webhook ("
                                    + WEBHOOKS + ")");
                    default -> { } // a logging callback: LiteLlmCallbacks reports it
                }
            }
        } else if (!list.isMissing()) {
            findings.warn(list, "not supported, ignored");
        }
        if (!parse.isMissing() && !presidio) {
            findings.warn(parse, "applies to the presidio callback only, ignored");
        }
    }

    private void callbackPresidio(Located at, Located parse) {
        if (personalData != null) {
            findings.warn(at, "ignored: Gatehouse has one personal-data policy, and guardrail '" + personalDataFrom
                    + "' set it already");
            return;
        }
        findings.warn(at, LiteLlmPresidio.FINDS_MORE + "; it masks those");
        personalData = new GuardrailSettings.PersonalData(Boolean.TRUE.equals(fields.bool(parse)) ? Action.REVERSIBLE
                : Action.MASK, Set.of());
        personalDataFrom = "presidio";
    }
}
