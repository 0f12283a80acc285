package dev.gatehouse.server.guardrail.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a webhook's settings refuse, each with a message naming the setting. */
class WebhookSettingsTest {

    @Test
    void acceptsHttpsAndPlainHttpOnlyOnThePrivateNetwork() {
        assertTrue(settings("https://guard.example.com/check", false, Duration.ofSeconds(2)).covers(WebhookStage.INPUT));
        settings("http://presidio:8080/check", true, Duration.ofSeconds(2));
        IllegalArgumentException plain = assertThrows(IllegalArgumentException.class,
                () -> settings("http://guard.example.com/check", false, Duration.ofSeconds(2)));
        assertTrue(plain.getMessage().contains("https"), plain.getMessage());
    }

    @Test
    void refusesOtherSchemesUserInfoAndNoHost() {
        for (String url : new String[] {"ftp://guard.example.com/", "file:///etc/passwd", "https://user:pw@guard.example.com/",
                "https:///check", "https://guard.example.com/check#frag"}) {
            assertThrows(IllegalArgumentException.class, () -> settings(url, false, Duration.ofSeconds(2)), url);
        }
    }

    @Test
    void refusesATimeoutOutOfBoundsAShortSecretAndNoStage() {
        assertThrows(IllegalArgumentException.class, () -> settings("https://g.example.com/", false, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> settings("https://g.example.com/", false, Duration.ofSeconds(61)));
        IllegalArgumentException shortSecret = assertThrows(IllegalArgumentException.class, () -> new WebhookSettings(
                URI.create("https://g.example.com/"), Duration.ofSeconds(1), FailurePolicy.CLOSED,
                Optional.of(Secret.of("short")), false, Set.of(WebhookStage.INPUT)));
        assertTrue(shortSecret.getMessage().contains("signing_secret"));
        assertThrows(IllegalArgumentException.class, () -> new WebhookSettings(URI.create("https://g.example.com/"),
                Duration.ofSeconds(1), FailurePolicy.CLOSED, Optional.empty(), false, Set.of()));
    }

    @Test
    void coversOnlyTheStagesNamed() {
        WebhookSettings input = new WebhookSettings(URI.create("https://g.example.com/"), Duration.ofSeconds(1),
                FailurePolicy.OPEN, Optional.empty(), false, Set.of(WebhookStage.INPUT));
        assertTrue(input.covers(WebhookStage.INPUT));
        assertFalse(input.covers(WebhookStage.OUTPUT));
    }

    @Test
    void theFailurePolicyTurnsAFailureIntoAnAllowOrABlockAndLeavesDecisionsAlone() {
        Outcome failed = new Outcome.Failed("timeout");
        assertEquals(new Outcome.Allow(), FailurePolicy.OPEN.settle(failed));
        assertEquals(new Outcome.Block(FailurePolicy.UNAVAILABLE_REASON), FailurePolicy.CLOSED.settle(failed));
        for (FailurePolicy policy : FailurePolicy.values()) {
            assertEquals(new Outcome.Block("no"), policy.settle(new Outcome.Block("no")));
            assertEquals(new Outcome.Allow(), policy.settle(new Outcome.Allow()));
        }
    }

    private static WebhookSettings settings(String url, boolean privateNetwork, Duration timeout) {
        return new WebhookSettings(URI.create(url), timeout, FailurePolicy.CLOSED, Optional.empty(), privateNetwork,
                Set.of(WebhookStage.INPUT, WebhookStage.OUTPUT));
    }
}
