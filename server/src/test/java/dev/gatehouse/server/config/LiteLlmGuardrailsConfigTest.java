package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.assertWarning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.server.guardrail.GuardrailSettings;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's guardrails: list and its older litellm_settings.callbacks, as its pages
 * proxy/guardrails/quick_start, secret_detection and pii_masking_v2 (docs.litellm.ai) describe them,
 * read into Gatehouse's guardrail policy.
 */
class LiteLlmGuardrailsConfigTest {

    private static final String MODELS = """
            model_list:
              - model_name: m
                litellm_params:
                  model: openai/gpt-4o
                  api_key: os.environ/OPENAI_API_KEY
            """;

    private static ConfigLoader.Loaded load(String rest) {
        return Configs.load(MODELS + rest);
    }

    private static ConfigLoader.Loaded loadOk(String rest) {
        ConfigLoader.Loaded loaded = load(rest);
        assertTrue(loaded.ok(), () -> loaded.problems().toString());
        return loaded;
    }

    private static GuardrailSettings policy(ConfigLoader.Loaded loaded) {
        return loaded.config().guardrails().forModel("m");
    }

    @Test
    void withoutGuardrailsGatehousesDefaultsApply() {
        ConfigLoader.Loaded loaded = loadOk("");
        assertEquals(GuardrailSettings.DEFAULTS, policy(loaded));
    }

    @Test
    void hideSecretsRedactsAsLiteLlmDoesSecretsAreMasked() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: hide-secrets-guard
                    litellm_params:
                      guardrail: hide-secrets
                      mode: pre_call
                      default_on: true
                """);
        assertEquals(Action.MASK, policy(loaded).secrets().action());
        assertEquals(Action.OFF, policy(loaded).personalData().action());
        assertEquals(List.of(), loaded.warnings());
    }

    @Test
    void presidiosEntitiesBecomeGatehousesKindsAndOutputParsePiiReversibleMasking() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: presidio-pii
                    litellm_params:
                      guardrail: presidio
                      mode: [pre_call]
                      default_on: true
                      output_parse_pii: true
                      pii_entities_config:
                        EMAIL_ADDRESS: MASK
                        PHONE_NUMBER: MASK
                        CREDIT_CARD: MASK
                        IBAN_CODE: MASK
                        US_SSN: MASK
                        IP_ADDRESS: MASK
                        PERSON: MASK
                      presidio_language: en
                """);
        GuardrailSettings.PersonalData personal = policy(loaded).personalData();
        assertEquals(Action.REVERSIBLE, personal.action());
        assertEquals(Set.of(PiiKind.values()), personal.kinds());
        assertEquals(Action.BLOCK, policy(loaded).secrets().action(), "Gatehouse's default stays");
        assertWarning(loaded, "guardrails[0].litellm_params.pii_entities_config.PERSON", "does not find PERSON");
        assertWarning(loaded, "guardrails[0].litellm_params.presidio_language", "not supported, ignored");
        assertEquals(2, loaded.warnings().size(), () -> loaded.warnings().toString());
    }

    @Test
    void blockedEntitiesBlockAndAMixOfMaskAndBlockMasksThemAll() {
        GuardrailSettings.PersonalData blocked = policy(loadOk("""
                guardrails:
                  - guardrail_name: no-cards
                    litellm_params:
                      guardrail: presidio
                      mode: during_call
                      default_on: true
                      pii_entities_config: {CREDIT_CARD: BLOCK, US_SSN: BLOCK}
                """)).personalData();
        assertEquals(new GuardrailSettings.PersonalData(Action.BLOCK, Set.of(PiiKind.PAYMENT_CARD, PiiKind.US_SSN)),
                blocked);

        ConfigLoader.Loaded mixed = loadOk("""
                guardrails:
                  - guardrail_name: mixed
                    litellm_params:
                      guardrail: presidio
                      mode: pre_call
                      default_on: true
                      pii_entities_config: {CREDIT_CARD: BLOCK, EMAIL_ADDRESS: MASK}
                """);
        assertEquals(new GuardrailSettings.PersonalData(Action.MASK, Set.of(PiiKind.PAYMENT_CARD, PiiKind.EMAIL)),
                policy(mixed).personalData());
        assertWarning(mixed, "guardrails[0].litellm_params.pii_entities_config", "payment_card are masked, not blocked");
    }

    @Test
    void presidioWithoutEntitiesMasksEveryKindGatehouseFindsAndSaysPresidioFindsMore() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: presidio-pii
                    litellm_params: {guardrail: presidio, mode: pre_call, default_on: true}
                """);
        assertEquals(new GuardrailSettings.PersonalData(Action.MASK, Set.of()), policy(loaded).personalData());
        assertWarning(loaded, "guardrails[0].litellm_params.guardrail", "Presidio finds more kinds");
    }

    @Test
    void presidioNamingNoKindGatehouseFindsLeavesPersonalDataOff() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: names-only
                    litellm_params:
                      guardrail: presidio
                      mode: pre_call
                      default_on: true
                      pii_entities_config: {PERSON: MASK, LOCATION: BLOCK}
                """);
        assertEquals(Action.OFF, policy(loaded).personalData().action(), "no kind named: never every kind");
        assertWarning(loaded, "guardrails[0].litellm_params.pii_entities_config.LOCATION", "does not find LOCATION");
    }

    @Test
    void aGuardrailThatIsNotDefaultOnIsWarnedAboutAndAppliedToEveryRequest() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: secrets-on-request
                    litellm_params: {guardrail: hide-secrets, mode: pre_call}
                """);
        assertEquals(Action.MASK, policy(loaded).secrets().action());
        assertWarning(loaded, "guardrails[0].litellm_params.guardrail", "'secrets-on-request' is not default_on");
    }

    @Test
    void vendorGuardrailsAreNamedAndPointedToTheWebhook() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: aporia-pre-guard
                    litellm_params:
                      guardrail: aporia
                      mode: during_call
                      api_key: os.environ/APORIA_API_KEY_1
                      api_base: os.environ/APORIA_API_BASE_1
                    guardrail_info: {params: []}
                """);
        assertEquals(GuardrailSettings.DEFAULTS, policy(loaded));
        assertWarning(loaded, "guardrails[0].litellm_params.guardrail", "'aporia-pre-guard' (aporia) is not built"
                + " into Gatehouse, ignored: reach it through a webhook (docs/guardrails.md, \"External guardrails");
        assertWarning(loaded, "guardrails[0].guardrail_info", "not supported, ignored");
    }

    @Test
    void modesThatDoNotCheckRequestsAreNotMappedAndSaySo() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: answers-only
                    litellm_params: {guardrail: presidio, mode: post_call, default_on: true}
                  - guardrail_name: logs-only
                    litellm_params: {guardrail: presidio, mode: logging_only, default_on: true}
                  - guardrail_name: both
                    litellm_params: {guardrail: presidio, mode: [pre_call, post_call], default_on: true,
                                     pii_entities_config: {EMAIL_ADDRESS: MASK}}
                """);
        assertEquals(new GuardrailSettings.PersonalData(Action.MASK, Set.of(PiiKind.EMAIL)),
                policy(loaded).personalData(), "only the guardrail that checks requests");
        assertWarning(loaded, "guardrails[0].litellm_params.mode", "personal data in answers is not checked");
        assertWarning(loaded, "guardrails[0].litellm_params.guardrail", "'answers-only' does not check requests");
        assertWarning(loaded, "guardrails[1].litellm_params.mode", "Gatehouse logs no prompt or answer");
        assertWarning(loaded, "guardrails[2].litellm_params.mode", "personal data in answers is not checked");
    }

    @Test
    void aSecondPresidioGuardrailIsNamedAndIgnored() {
        ConfigLoader.Loaded loaded = loadOk("""
                guardrails:
                  - guardrail_name: first
                    litellm_params: {guardrail: presidio, mode: pre_call, default_on: true,
                                     pii_entities_config: {EMAIL_ADDRESS: BLOCK}}
                  - guardrail_name: second
                    litellm_params: {guardrail: presidio, mode: pre_call, default_on: true,
                                     pii_entities_config: {PHONE_NUMBER: MASK}}
                """);
        assertEquals(new GuardrailSettings.PersonalData(Action.BLOCK, Set.of(PiiKind.EMAIL)),
                policy(loaded).personalData());
        assertWarning(loaded, "guardrails[1].litellm_params.guardrail", "'second' ignored");
    }

    @Test
    void theOlderCallbacksMapTooAndEveryOtherCallbackIsNamed() {
        ConfigLoader.Loaded loaded = loadOk("""
                litellm_settings:
                  callbacks: [hide_secrets, presidio, detect_prompt_injection, langfuse]
                  output_parse_pii: true
                """);
        assertEquals(Action.MASK, policy(loaded).secrets().action());
        assertEquals(new GuardrailSettings.PersonalData(Action.REVERSIBLE, Set.of()), policy(loaded).personalData());
        assertWarning(loaded, "litellm_settings.callbacks[1]", "Presidio finds more kinds");
        assertWarning(loaded, "litellm_settings.callbacks[2]", "detect_prompt_injection is not built into Gatehouse");
        assertWarning(loaded, "litellm_settings.callbacks[3]", "callback langfuse is not built into Gatehouse");
        ConfigLoader.Loaded lone = loadOk("litellm_settings: {output_parse_pii: true}\n");
        assertWarning(lone, "litellm_settings.output_parse_pii", "applies to the presidio callback only");
    }

    @Test
    void aGuardrailLiteLlmWouldRefuseIsAProblem() {
        ConfigLoader.Loaded loaded = load("""
                guardrails:
                  - litellm_params: {guardrail: presidio, mode: pre_call}
                  - guardrail_name: bad-mode
                    litellm_params: {guardrail: presidio, mode: sometimes}
                  - guardrail_name: no-mode
                    litellm_params: {guardrail: hide-secrets}
                  - guardrail_name: bad-action
                    litellm_params: {guardrail: presidio, mode: pre_call, pii_entities_config: {US_SSN: REDACT}}
                """);
        assertProblem(loaded, "guardrails[0].guardrail_name (line 7)", "required");
        assertProblem(loaded, "guardrails[1].litellm_params.mode (line 9)", "must be one of pre_call");
        assertProblem(loaded, "guardrails[2].litellm_params.mode (line 11)", "required");
        assertProblem(loaded, "guardrails[3].litellm_params.pii_entities_config.US_SSN (line 13)", "MASK or BLOCK");
        assertProblem(load("guardrails: {presidio: true}\n"), "guardrails (line 6)", "must be a list of guardrails");
    }
}
