package dev.gatehouse.server.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.guardrail.Detector;
import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.Masking;
import dev.gatehouse.guardrail.pii.DenyList;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.guardrail.pii.PiiScanner;
import dev.gatehouse.guardrail.pii.Placeholders;
import dev.gatehouse.guardrail.pii.PromptSizeLimit;
import dev.gatehouse.guardrail.secrets.SecretScanner;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.guardrail.webhook.GuardrailWebhook;
import dev.gatehouse.server.guardrail.webhook.WebhookSettings;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One configuration's guardrails, built once (detectors compiled, deny patterns checked) and
 * shared by every request: the input check of a request body and the output check of a whole
 * answer, both on the texts {@link RequestTexts} names, and the policy's external guardrail
 * service, if it has one. Immutable and thread-safe; what one request masks reversibly lives in
 * that request's {@link Placeholders}.
 */
public final class Guardrails {

    /** The checks in the order a block is reported: the first category that blocks names the error. */
    private static final List<Finding.Category> ORDER = List.of(Finding.Category.SECRET,
            Finding.Category.PERSONAL_DATA, Finding.Category.DENIED);

    private final GuardrailSettings settings;
    private final SecretScanner secrets;
    private final PiiScanner personal;
    private final DenyList deny;
    private final GuardrailWebhook webhook;

    private Guardrails(GuardrailSettings settings, SecretScanner secrets, PiiScanner personal, DenyList deny,
            GuardrailWebhook webhook) {
        this.settings = settings;
        this.secrets = secrets;
        this.personal = personal;
        this.deny = deny;
        this.webhook = webhook;
    }

    /**
     * The guardrails of settings without a webhook.
     *
     * @throws IllegalArgumentException when the settings name a webhook (it needs {@link #from(GuardrailSettings,
     *     Function)}) or for a deny-list entry the list refuses
     */
    public static Guardrails from(GuardrailSettings settings) {
        return from(settings, webhook -> {
            throw new IllegalArgumentException("a policy with a webhook is built with the server's webhook client");
        });
    }

    /**
     * The guardrails {@code settings} describe, their webhook (if any) built by {@code webhooks}
     * (once: the server's client is shared by every request of the policy).
     *
     * @throws IllegalArgumentException for a deny-list entry the list refuses (the configuration
     *     loader reports those before this is called)
     */
    public static Guardrails from(GuardrailSettings settings, Function<WebhookSettings, GuardrailWebhook> webhooks) {
        SecretScanner secrets = settings.secrets().action() == Action.OFF ? null
                : SecretScanner.defaults().withAllowlist(settings.secrets().allowlist());
        Set<PiiKind> kinds = settings.personalData().kinds();
        PiiScanner personal = settings.personalData().action() == Action.OFF ? null
                : kinds.isEmpty() ? PiiScanner.all() : PiiScanner.of(EnumSet.copyOf(kinds));
        GuardrailSettings.Deny d = settings.deny();
        DenyList deny = d.isEmpty() ? null : DenyList.of(d.words(), d.patterns().entrySet().stream()
                .map(e -> new DenyList.NamedPattern(e.getKey(), e.getValue())).toList());
        return new Guardrails(settings, secrets, personal, deny, settings.webhook().map(webhooks).orElse(null));
    }

    public GuardrailSettings settings() {
        return settings;
    }

    /** The external guardrail service this policy asks, if it names one. */
    public Optional<GuardrailWebhook> webhook() {
        return Optional.ofNullable(webhook);
    }

    /**
     * What checks a streamed answer's text as it passes: the secret scanner, when the secrets
     * policy is not off (its action says whether findings cut the stream or are only counted);
     * null otherwise.
     */
    public Detector answerSecrets() {
        return secrets;
    }

    /** Whether the output check masks the secrets it finds in an answer (not only logs them). */
    public boolean masksAnswerSecrets() {
        return secrets != null && settings.secrets().action() != Action.LOG;
    }

    /** Whether the input check can find anything at all (when not, a stage skips it). */
    public boolean checksInput() {
        return secrets != null || personal != null || deny != null || settings.maxPromptCharacters() > 0;
    }

    /**
     * Checks the texts of a request body. A block changes nothing; a mask replaces the texts it
     * covers in {@code body}, in place (the caller then reads its typed request again).
     */
    public Verdict checkInput(JsonNode body) {
        List<RequestTexts.Text> texts = RequestTexts.of(body);
        if (settings.maxPromptCharacters() > 0) {
            long characters = texts.stream().mapToLong(t -> t.text().length()).sum();
            Optional<PromptSizeLimit.Exceeded> over = new PromptSizeLimit(settings.maxPromptCharacters(), 0)
                    .check(characters, 0);
            if (over.isPresent()) {
                return new Verdict.Blocked(new GuardrailBlocked("prompt_too_large",
                        "The request was refused by a guardrail: " + over.get().message() + "."),
                        List.of(new GuardrailHit("", "prompt_too_large", Finding.Category.DENIED, Action.BLOCK)));
            }
        }
        Map<RequestTexts.Text, List<Finding>> found = new LinkedHashMap<>();
        List<GuardrailHit> hits = new ArrayList<>();
        for (RequestTexts.Text text : texts) {
            List<Finding> findings = scan(text.text());
            if (!findings.isEmpty()) {
                found.put(text, findings);
                for (Finding f : findings) {
                    hits.add(new GuardrailHit(text.path(), f.kind(), f.category(), action(f.category())));
                }
            }
        }
        for (Finding.Category category : ORDER) {
            if (action(category) == Action.BLOCK && hits.stream().anyMatch(h -> h.category() == category)) {
                return new Verdict.Blocked(blocked(category, hits), hits);
            }
        }
        Placeholders placeholders = personal != null && settings.personalData().action() == Action.REVERSIBLE
                ? Placeholders.forRequest(personal) : null;
        Map<String, String> replacements = new LinkedHashMap<>();
        found.forEach((text, findings) -> {
            String masked = mask(text.text(), findings, placeholders);
            if (!masked.equals(text.text())) {
                replacements.put(text.path(), masked);
            }
        });
        if (!replacements.isEmpty()) {
            RequestTexts.replace(body, replacements);
        }
        return new Verdict.Passed(hits, !replacements.isEmpty(),
                placeholders == null || placeholders.isEmpty() ? Optional.empty() : Optional.of(placeholders));
    }

    /**
     * Checks a whole answer: secrets the model wrote are masked in place when the secrets policy
     * masks or blocks (the answer was made and paid for; a masked answer is the useful safe one,
     * docs/guardrails.md "What a block looks like"), and then {@code placeholders} are put back.
     *
     * @return what was found in the answer (masked, or only logged)
     */
    public List<GuardrailHit> checkOutput(JsonNode answer, Optional<Placeholders> placeholders) {
        List<GuardrailHit> hits = new ArrayList<>();
        if (secrets != null) {
            Action action = settings.secrets().action() == Action.LOG ? Action.LOG : Action.MASK;
            Map<String, String> replacements = new LinkedHashMap<>();
            for (RequestTexts.Text text : RequestTexts.of(answer)) {
                List<Finding> findings = secrets.scan(text.text());
                if (!findings.isEmpty()) {
                    findings.forEach(f -> hits.add(new GuardrailHit(text.path(), f.kind(), f.category(), action)));
                    if (action == Action.MASK) {
                        replacements.put(text.path(), Masking.mask(text.text(), findings));
                    }
                }
            }
            if (!replacements.isEmpty()) {
                RequestTexts.replace(answer, replacements);
            }
        }
        placeholders.ifPresent(p -> RequestTexts.replaceAll(answer, text -> {
            String restored = p.restore(text);
            return restored.equals(text) ? null : restored;
        }));
        return hits;
    }

    private List<Finding> scan(String text) {
        List<Finding> all = new ArrayList<>();
        if (secrets != null) {
            all.addAll(secrets.scan(text));
        }
        if (personal != null) {
            all.addAll(personal.scan(text));
        }
        if (deny != null) {
            all.addAll(deny.scan(text));
        }
        return all;
    }

    private Action action(Finding.Category category) {
        return switch (category) {
            case SECRET -> settings.secrets().action();
            case PERSONAL_DATA -> settings.personalData().action();
            case DENIED -> settings.deny().action();
        };
    }

    /**
     * A text with what the policy masks replaced: plain masks ({@code [REDACTED:kind]}) first, then,
     * when personal data is masked reversibly, the request's placeholders over what is left
     * (placeholders scan again, so the offsets of the first pass do not matter).
     */
    private String mask(String text, List<Finding> findings, Placeholders placeholders) {
        List<Finding> plain = findings.stream().filter(f -> action(f.category()) == Action.MASK).toList();
        boolean reversible = findings.stream().anyMatch(f -> action(f.category()) == Action.REVERSIBLE);
        if (!reversible) {
            return plain.isEmpty() ? text : Masking.mask(text, plain);
        }
        if (plain.isEmpty()) {
            return placeholders.mask(text, findings.stream()
                    .filter(f -> f.category() == Finding.Category.PERSONAL_DATA).toList());
        }
        return placeholders.mask(Masking.mask(text, plain));
    }

    private static GuardrailBlocked blocked(Finding.Category category, List<GuardrailHit> hits) {
        String code = switch (category) {
            case SECRET -> "secret_detected";
            case PERSONAL_DATA -> "personal_data_detected";
            case DENIED -> "denied_content";
        };
        String what = switch (category) {
            case SECRET -> "what looks like a secret";
            case PERSONAL_DATA -> "personal data";
            case DENIED -> "denied content";
        };
        // Kinds by path, in document order; never the text.
        Map<String, Set<String>> byPath = new LinkedHashMap<>();
        hits.stream().filter(h -> h.category() == category)
                .forEach(h -> byPath.computeIfAbsent(h.path(), p -> new LinkedHashSet<>()).add(h.kind()));
        String where = byPath.entrySet().stream()
                .map(e -> String.join(", ", e.getValue()) + " at " + e.getKey()).collect(Collectors.joining("; "));
        return new GuardrailBlocked(code, "The request was refused by a guardrail: it holds " + what + " (" + where
                + "). Remove it and send the request again.");
    }
}
