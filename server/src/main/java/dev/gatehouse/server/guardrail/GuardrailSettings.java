package dev.gatehouse.server.guardrail;

import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.server.guardrail.webhook.WebhookSettings;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code guardrails:} section: what the input and output checks look for and what they do
 * when they find it (docs/guardrails.md, "Policies and configuration"). The defaults block
 * secrets and leave personal data, deny lists and prompt size off.
 *
 * @param secrets             credentials in prompts and answers
 * @param personalData        e-mail addresses, phone numbers, cards, IBANs, SSNs, IP addresses
 * @param deny                words and patterns a deployment refuses
 * @param maxPromptCharacters the most characters a request's texts may hold together; 0 is no bound
 * @param webhook             an external guardrail service asked after the built-in checks, if any
 */
public record GuardrailSettings(Secrets secrets, PersonalData personalData, Deny deny, long maxPromptCharacters,
        Optional<WebhookSettings> webhook) {

    /** What a check does with what it found. Which actions a check allows is said by each check. */
    public enum Action {
        /** Not checked at all. */
        OFF,
        /** Checked, counted and let through unchanged. */
        LOG,
        /** Replaced by {@code [REDACTED:kind]} before the upstream sees it. */
        MASK,
        /** Replaced by numbered placeholders, put back in the answer (personal data only). */
        REVERSIBLE,
        /** The request is refused with a 400. */
        BLOCK;

        /** The name in the configuration and in metric labels. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Secrets: {@code action} is off, log, mask or block; {@code allowlist} holds exact values never reported. */
    public record Secrets(Action action, Set<String> allowlist) {
        public static final Set<Action> ACTIONS = EnumSet.of(Action.OFF, Action.LOG, Action.MASK, Action.BLOCK);

        public Secrets {
            allowed(action, ACTIONS, "secrets");
            allowlist = Set.copyOf(allowlist);
        }
    }

    /** Personal data: {@code kinds} empty means every kind. */
    public record PersonalData(Action action, Set<PiiKind> kinds) {
        public static final Set<Action> ACTIONS = EnumSet.allOf(Action.class);

        public PersonalData {
            allowed(action, ACTIONS, "personal_data");
            kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        }
    }

    /** Deny lists: whole words or phrases, and named regular expressions; {@code action} is log, mask or block. */
    public record Deny(List<String> words, Map<String, String> patterns, Action action) {
        public static final Set<Action> ACTIONS = EnumSet.of(Action.LOG, Action.MASK, Action.BLOCK);

        public Deny {
            allowed(action, ACTIONS, "deny");
            words = List.copyOf(words);
            // The file's order, so findings and messages name patterns as they are written.
            patterns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(patterns));
        }

        public boolean isEmpty() {
            return words.isEmpty() && patterns.isEmpty();
        }
    }

    public static final GuardrailSettings DEFAULTS = new GuardrailSettings(new Secrets(Action.BLOCK, Set.of()),
            new PersonalData(Action.OFF, Set.of()), new Deny(List.of(), Map.of(), Action.BLOCK), 0, Optional.empty());

    public GuardrailSettings {
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(personalData, "personalData");
        Objects.requireNonNull(deny, "deny");
        Objects.requireNonNull(webhook, "webhook");
        if (maxPromptCharacters < 0) {
            throw new IllegalArgumentException("max_prompt_characters is 0 (no bound) or more");
        }
    }

    /** Settings without a webhook. */
    public GuardrailSettings(Secrets secrets, PersonalData personalData, Deny deny, long maxPromptCharacters) {
        this(secrets, personalData, deny, maxPromptCharacters, Optional.empty());
    }

    private static void allowed(Action action, Set<Action> actions, String check) {
        Objects.requireNonNull(action, "action");
        if (!actions.contains(action)) {
            throw new IllegalArgumentException(check + " can not be " + action.wireName());
        }
    }
}
