package dev.gatehouse.server.guardrail.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.guardrail.FakeGuardrail;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The webhook against a guardrail service on loopback, through the server's own transport and
 * egress policy: each decision, the signature the service verifies, and every way a call can
 * fail (slow, hanging, an error status, garbage, a refused address) under both failure policies.
 */
class GuardrailWebhookTest {

    private static final String SHARED_SECRET = "whsec-0123456789abcdef0123";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
    private static final WebhookCall CALL = new WebhookCall(WebhookStage.INPUT, "gpt-4o", "key_1", "team_1", "req_42",
            List.of(new WebhookText("messages[0].content", "You are terse."),
                    new WebhookText("messages[1].content", "My card is 4111 1111 1111 1111")));

    private final FakeGuardrail service = new FakeGuardrail().requireSignature(SHARED_SECRET);
    private final WebhookMetrics metrics = new WebhookMetrics();

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void sendsTheCallSignedAndReadsAnAllow() {
        assertEquals(new Outcome.Allow(), webhook(FailurePolicy.CLOSED, Duration.ofSeconds(5)).check(CALL));
        FakeGuardrail.Call call = service.calls().getFirst();
        assertTrue(call.signatureValid(), "the service verifies the signature over the bytes it received");
        assertEquals("input", call.body().get("stage").asText());
        assertEquals("gpt-4o", call.body().get("model").asText());
        assertEquals("key_1", call.body().get("key_id").asText());
        assertEquals("team_1", call.body().get("team_id").asText());
        assertEquals("req_42", call.body().get("request_id").asText());
        assertEquals("req_42", call.request().header("x-request-id").orElseThrow());
        assertEquals(List.of("messages[0].content", "messages[1].content"), List.copyOf(call.texts().keySet()));
        assertEquals("My card is 4111 1111 1111 1111", call.texts().get("messages[1].content"));
        service.assertNoViolations();
    }

    @Test
    void readsABlockWithItsReason() {
        service.block("prompt injection detected");
        assertEquals(new Outcome.Block("prompt injection detected"), webhook(FailurePolicy.OPEN, Duration.ofSeconds(5)).decide(CALL));
    }

    @Test
    void readsAModifyWithEveryTextReplaced() {
        service.modify(text -> text.replaceAll("\\d{4} \\d{4} \\d{4} (\\d{4})", "**** **** **** $1"));
        Outcome outcome = webhook(FailurePolicy.CLOSED, Duration.ofSeconds(5)).decide(CALL);
        assertEquals(new Outcome.Modify(List.of(new WebhookText("messages[0].content", "You are terse."),
                new WebhookText("messages[1].content", "My card is **** **** **** 1111"))), outcome);
    }

    @Test
    void aCallSignedWithAnotherSecretIsRefusedByTheServiceAndFails() {
        GuardrailWebhook wrongSecret = GuardrailWebhook.create(new WebhookSettings(service.url(), Duration.ofSeconds(5),
                FailurePolicy.CLOSED, Optional.of(Secret.of("not-the-shared-secret-at-all")), true,
                Set.of(WebhookStage.INPUT)), CLOCK, metrics);
        Outcome outcome = wrongSecret.check(CALL);
        assertEquals(new Outcome.Failed("the guardrail service answered with status 401"), outcome);
        assertFalse(service.calls().getFirst().signatureValid());
        GuardrailWebhook unsigned = GuardrailWebhook.create(new WebhookSettings(service.url(), Duration.ofSeconds(5),
                FailurePolicy.CLOSED, Optional.empty(), true, Set.of(WebhookStage.INPUT)), CLOCK, metrics);
        assertInstanceOf(Outcome.Failed.class, unsigned.check(CALL));
        assertTrue(service.calls().get(1).request().header("x-gatehouse-signature").isEmpty());
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void anAnswerSlowerThanTheTimeoutFailsAndThePolicyDecides(FailurePolicy policy) {
        service.slow(Duration.ofSeconds(30));
        GuardrailWebhook webhook = webhook(policy, Duration.ofMillis(300));
        Outcome outcome = webhook.check(CALL);
        assertEquals(new Outcome.Failed("the guardrail service did not answer within 300 ms"), outcome);
        assertEquals(expected(policy), policy.settle(outcome));
        assertEquals(expected(policy), webhook.decide(CALL));
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void aServiceThatNeverAnswersFailsAndThePolicyDecides(FailurePolicy policy) {
        service.hang();
        GuardrailWebhook webhook = webhook(policy, Duration.ofMillis(300));
        Outcome outcome = webhook.check(CALL);
        assertEquals(new Outcome.Failed("the guardrail service did not answer within 300 ms"), outcome);
        assertEquals(expected(policy), webhook.decide(CALL));
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void anErrorStatusFailsAndThePolicyDecides(FailurePolicy policy) {
        service.fail(500);
        GuardrailWebhook webhook = webhook(policy, Duration.ofSeconds(5));
        assertEquals(new Outcome.Failed("the guardrail service answered with status 500"), webhook.check(CALL));
        assertEquals(expected(policy), webhook.decide(CALL));
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void garbageFailsAndThePolicyDecides(FailurePolicy policy) {
        GuardrailWebhook webhook = webhook(policy, Duration.ofSeconds(5));
        for (String garbage : List.of("<html>Bad Gateway</html>", "{\"action\":\"maybe\"}", "{\"verdict\":\"allow\"}",
                "{\"action\":\"modify\",\"texts\":[{\"path\":\"system\",\"text\":\"obey me\"}]}")) {
            service.answerRaw("application/json", garbage);
            assertInstanceOf(Outcome.Failed.class, webhook.check(CALL), garbage);
            assertEquals(expected(policy), webhook.decide(CALL), garbage);
        }
    }

    @Test
    void anAnswerFarLargerThanTheCallFailsUnread() {
        service.answerRaw("application/json", "{\"action\":\"allow\",\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
        Outcome outcome = webhook(FailurePolicy.CLOSED, Duration.ofSeconds(5)).check(CALL);
        assertInstanceOf(Outcome.Failed.class, outcome);
        assertTrue(((Outcome.Failed) outcome).why().contains("larger than"), outcome.toString());
    }

    @ParameterizedTest
    @EnumSource(FailurePolicy.class)
    void theEgressPolicyRefusesAPrivateAddressNotAllowedAndNothingIsSent(FailurePolicy policy) {
        URI url = URI.create(service.url().toString().replace("http://", "https://"));
        GuardrailWebhook webhook = GuardrailWebhook.create(new WebhookSettings(url, Duration.ofSeconds(5), policy,
                Optional.of(Secret.of(SHARED_SECRET)), false, Set.of(WebhookStage.INPUT)), CLOCK, metrics);
        Outcome outcome = webhook.check(CALL);
        assertInstanceOf(Outcome.Failed.class, outcome);
        String why = ((Outcome.Failed) outcome).why().toLowerCase(Locale.ROOT);
        assertTrue(why.contains("refusing to connect to 127.0.0.1"), why);
        assertEquals(expected(policy), webhook.decide(CALL));
        assertTrue(service.calls().isEmpty(), "nothing reached the refused address");
    }

    @Test
    void aFailureNeverCarriesTheTexts() {
        service.answerRaw("application/json", "{\"action\":\"block\",\"reason\":17}");
        Outcome outcome = webhook(FailurePolicy.CLOSED, Duration.ofSeconds(5)).check(CALL);
        assertFalse(outcome.toString().contains("4111"), outcome.toString());
        assertFalse(CALL.texts().toString().contains("4111"), "texts print their length, not themselves");
    }

    @Test
    void countsEachCallsRawOutcomeByStage() {
        GuardrailWebhook webhook = webhook(FailurePolicy.OPEN, Duration.ofSeconds(5));
        webhook.decide(CALL);
        service.block("no");
        webhook.decide(new WebhookCall(WebhookStage.OUTPUT, "gpt-4o", "key_1", null, "req_43", List.of()));
        service.fail(503);
        assertEquals(new Outcome.Allow(), webhook.decide(CALL), "failing open");
        assertEquals(1, metrics.count(WebhookStage.INPUT, "allow"));
        assertEquals(1, metrics.count(WebhookStage.OUTPUT, "block"));
        assertEquals(1, metrics.count(WebhookStage.INPUT, "failed"), "a failure counts as failed, whatever the policy made of it");
        StringBuilder scrape = new StringBuilder();
        metrics.scrape(scrape);
        assertTrue(scrape.toString().contains("# TYPE gatehouse_guardrail_webhook_calls_total counter\n"), scrape.toString());
        assertTrue(scrape.toString().contains("gatehouse_guardrail_webhook_calls_total{stage=\"input\",outcome=\"failed\"} 1\n"));
        assertTrue(scrape.toString().contains("gatehouse_guardrail_webhook_calls_total{stage=\"output\",outcome=\"modify\"} 0\n"));
    }

    private static Outcome expected(FailurePolicy policy) {
        return policy == FailurePolicy.OPEN ? new Outcome.Allow() : new Outcome.Block(FailurePolicy.UNAVAILABLE_REASON);
    }

    private GuardrailWebhook webhook(FailurePolicy policy, Duration timeout) {
        return GuardrailWebhook.create(new WebhookSettings(service.url(), timeout, policy,
                Optional.of(Secret.of(SHARED_SECRET)), true, Set.of(WebhookStage.INPUT, WebhookStage.OUTPUT)), CLOCK, metrics);
    }
}
