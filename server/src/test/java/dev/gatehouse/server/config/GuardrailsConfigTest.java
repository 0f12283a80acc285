package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import dev.gatehouse.server.guardrail.webhook.FailurePolicy;
import dev.gatehouse.server.guardrail.webhook.WebhookSettings;
import dev.gatehouse.server.guardrail.webhook.WebhookStage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code guardrails:} section: each check's action and what it looks for. */
class GuardrailsConfigTest {

    private static ConfigLoader.Loaded parse(String yaml) {
        return Configs.loader().parse(yaml, "test.yaml");
    }

    @Test
    void withoutTheSectionSecretsAreBlockedAndNothingElseIsChecked() {
        GuardrailSettings settings = parse("models: []").config().guardrails().defaults();
        assertEquals(Map.of(), parse("models: []").config().guardrails().byModel());
        assertEquals(GuardrailSettings.DEFAULTS, settings);
        assertEquals(Action.BLOCK, settings.secrets().action());
        assertEquals(Action.OFF, settings.personalData().action());
        assertTrue(settings.deny().isEmpty());
        assertEquals(0, settings.maxPromptCharacters());
    }

    @Test
    void everySettingIsRead() {
        ConfigLoader.Loaded loaded = parse("""
                guardrails:
                  secrets: {action: mask, allowlist: [AKIAIOSFODNN7EXAMPLE]}
                  personal_data: {action: reversible, kinds: [email, Payment-Card]}
                  deny:
                    words: [project falcon]
                    patterns: {ticket: "INC-[0-9]{6}"}
                    action: mask
                  max_prompt_characters: 20000
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        GuardrailSettings settings = loaded.config().guardrails().defaults();
        assertEquals(new GuardrailSettings.Secrets(Action.MASK, Set.of("AKIAIOSFODNN7EXAMPLE")), settings.secrets());
        assertEquals(new GuardrailSettings.PersonalData(Action.REVERSIBLE, Set.of(PiiKind.EMAIL, PiiKind.PAYMENT_CARD)),
                settings.personalData());
        assertEquals(List.of("project falcon"), settings.deny().words());
        assertEquals(Map.of("ticket", "INC-[0-9]{6}"), settings.deny().patterns());
        assertEquals(Action.MASK, settings.deny().action());
        assertEquals(20000, settings.maxPromptCharacters());
    }

    @Test
    void wrongSettingsAreNamedWhereTheyAre() {
        String problems = parse("""
                guardrails:
                  secrets: {action: reversible}
                  personal_data: {action: maybe, kinds: [email, shoe_size]}
                  deny:
                    words: ["---"]
                    action: off
                  max_prompt_characters: -1
                  webhook: {}
                models: []
                """).problems().toString();
        assertTrue(problems.contains("guardrails.secrets.action") && problems.contains("off, log, mask, block"),
                problems);
        assertTrue(problems.contains("guardrails.personal_data.action"), problems);
        assertTrue(problems.contains("shoe_size"), problems);
        assertTrue(problems.contains("guardrails.deny.action") && problems.contains("log, mask, block"), problems);
        assertTrue(problems.contains("guardrails.deny"), problems);
        assertTrue(problems.contains("guardrails.max_prompt_characters"), problems);
        assertTrue(problems.contains("webhook"), problems);
    }

    @Test
    void aPatternAtRiskOfCatastrophicBacktrackingStopsTheConfiguration() {
        String problems = parse("""
                guardrails:
                  deny: {patterns: {slow: "(a+)+$", broken: "(unclosed"}}
                models: []
                """).problems().toString();
        assertTrue(problems.contains("slow") || problems.contains("broken"), problems);
        assertTrue(problems.contains("guardrails.deny"), problems);
    }

    @Test
    void aModelSetsItsOwnKeysAndInheritsTheRest() {
        ConfigLoader.Loaded loaded = parse("""
                guardrails:
                  secrets: {action: block, allowlist: [AKIAIOSFODNN7EXAMPLE]}
                  deny: {words: [falcon]}
                  max_prompt_characters: 5000
                models:
                  - name: internal
                    provider: mock
                    model: gatehouse-mock
                    guardrails:
                      secrets: {action: log}
                      personal_data: {action: mask}
                  - name: public
                    provider: mock
                    model: gatehouse-mock
                """);
        assertEquals(List.of(), loaded.problems());
        GuardrailPolicies policies = loaded.config().guardrails();
        GuardrailSettings internal = policies.forModel("internal");
        assertEquals(new GuardrailSettings.Secrets(Action.LOG, Set.of("AKIAIOSFODNN7EXAMPLE")), internal.secrets());
        assertEquals(Action.MASK, internal.personalData().action());
        assertEquals(List.of("falcon"), internal.deny().words());
        assertEquals(5000, internal.maxPromptCharacters());
        assertEquals(policies.defaults(), policies.forModel("public"));
        assertEquals(Action.BLOCK, policies.forModel("public").secrets().action());
        assertTrue(parse("""
                models:
                  - name: m
                    provider: mock
                    model: gatehouse-mock
                    guardrails: {secrets: {action: never}}
                """).problems().toString().contains("models[0].guardrails.secrets.action"));
    }

    @Test
    void aWebhookIsReadWithItsSecretFromAReference() {
        ConfigLoader.Loaded loaded = Configs.loader(name -> name.equals("GUARD_SECRET") ? "a-shared-secret-of-32-chars-long"
                : null).parse("""
                guardrails:
                  webhook:
                    url: http://10.0.0.7:8080/check
                    timeout_seconds: 2.5
                    on_failure: open
                    signing_secret: env:GUARD_SECRET
                    allow_private_network: true
                    stages: [input, output]
                models: []
                """, "test.yaml");
        assertEquals(List.of(), loaded.problems());
        WebhookSettings webhook = loaded.config().guardrails().defaults().webhook().orElseThrow();
        assertEquals(java.net.URI.create("http://10.0.0.7:8080/check"), webhook.url());
        assertEquals(java.time.Duration.ofMillis(2500), webhook.timeout());
        assertEquals(FailurePolicy.OPEN, webhook.onFailure());
        assertEquals("a-shared-secret-of-32-chars-long", webhook.signingSecret().orElseThrow().reveal());
        assertTrue(webhook.allowPrivateNetwork());
        assertEquals(Set.of(WebhookStage.INPUT, WebhookStage.OUTPUT), webhook.stages());

        WebhookSettings minimal = parse("""
                guardrails: {webhook: {url: "https://guard.example.com/check"}}
                models: []
                """).config().guardrails().defaults().webhook().orElseThrow();
        assertEquals(java.time.Duration.ofSeconds(5), minimal.timeout());
        assertEquals(FailurePolicy.CLOSED, minimal.onFailure());
        assertEquals(Set.of(WebhookStage.INPUT), minimal.stages());
        assertTrue(minimal.signingSecret().isEmpty());
    }

    @Test
    void aWebhooksBadValuesAreNamedAndItsSecretIsNeverWrittenInTheFile() {
        String problems = parse("""
                guardrails:
                  webhook:
                    url: http://guard.example.com/check
                    timeout_seconds: 90
                    on_failure: maybe
                    signing_secret: a-literal-secret-in-the-file
                    stages: [input, sideways]
                models: []
                """).problems().toString();
        assertTrue(problems.contains("guardrails.webhook.timeout_seconds"), problems);
        assertTrue(problems.contains("guardrails.webhook.on_failure") && problems.contains("open or closed"), problems);
        assertTrue(problems.contains("guardrails.webhook.signing_secret"), problems);
        assertTrue(problems.contains("guardrails.webhook.stages[1]"), problems);
        assertTrue(!problems.contains("a-literal-secret-in-the-file"), problems);
        String plain = parse("""
                guardrails: {webhook: {url: "http://guard.example.com/check"}}
                models: []
                """).problems().toString();
        assertTrue(plain.contains("guardrails.webhook") && plain.contains("https"), plain);
        assertTrue(parse("""
                guardrails: {webhook: {timeout_seconds: 1}}
                models: []
                """).problems().toString().contains("guardrails.webhook.url"));
    }

    @Test
    void namedPoliciesAreBuiltFromTheGatewaysSettings() {
        ConfigLoader.Loaded loaded = parse("""
                guardrails:
                  deny: {words: [falcon]}
                  policies:
                    strict:
                      personal_data: {action: block}
                    relaxed:
                      secrets: {action: log}
                models: []
                """);
        assertEquals(List.of(), loaded.problems());
        GuardrailPolicies policies = loaded.config().guardrails();
        assertEquals(Set.of("strict", "relaxed"), policies.named().keySet());
        GuardrailSettings strict = policies.named().get("strict");
        assertEquals(Action.BLOCK, strict.personalData().action());
        assertEquals(Action.BLOCK, strict.secrets().action());
        assertEquals(List.of("falcon"), strict.deny().words());
        assertEquals(Action.LOG, policies.named().get("relaxed").secrets().action());
        GuardrailPolicies withService = parse("""
                guardrails:
                  webhook: {url: "https://guard.example.com/check"}
                  policies:
                    strict: {}
                    internal: {webhook: off}
                models:
                  - name: m
                    provider: mock
                    model: gatehouse-mock
                    guardrails: {webhook: {url: "https://other.example.com/check", on_failure: open}}
                """).config().guardrails();
        assertEquals("guard.example.com", withService.named().get("strict").webhook().orElseThrow().url().getHost());
        assertTrue(withService.named().get("internal").webhook().isEmpty(), "off: without the gateway's service");
        assertEquals(FailurePolicy.OPEN, withService.forModel("m").webhook().orElseThrow().onFailure());
        String problems = parse("""
                guardrails:
                  policies:
                    Strict Policy: {}
                    nested: {policies: {}}
                models: []
                """).problems().toString();
        assertTrue(problems.contains("guardrails.policies.Strict Policy"), problems);
        assertTrue(problems.contains("guardrails.policies.nested.policies"), problems);
    }
}
