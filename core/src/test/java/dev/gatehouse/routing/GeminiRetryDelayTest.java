package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.gemini.FakeGemini;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gemini gives its retry hint in the error body, not in a header: a 429's
 * {@code google.rpc.RetryInfo.retryDelay} ("7s" in the fake, as the API sends it, see
 * https://ai.google.dev/gemini-api/docs/rate-limits). The router honors it like a retry-after.
 */
class GeminiRetryDelayTest {

    private static Deployment deployment(String id, FakeGemini fake) {
        return Deployment.builder("flash", "gemini").id(id).upstreamModel("gemini-2.5-flash").baseUrl(fake.baseUrl())
                .apiKey(Secret.of(fake.apiKey())).timeout(Duration.ofSeconds(2)).build();
    }

    private static ChatRequest ask() {
        return ChatRequest.of("flash", List.of(Message.User.of("Hi")));
    }

    @Test
    void theRetryDelayInTheBodyCoolsTheDeploymentDownForThatLong() {
        try (FakeGemini primary = new FakeGemini(); FakeGemini backup = new FakeGemini()) {
            Gateway gateway = Gateway.builder()
                    .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                    .deployment(deployment("primary", primary))
                    .deployment(deployment("backup", backup))
                    .strategy("flash", Strategy.LOWEST_COST)
                    .prices(d -> d.id().equals("primary") ? ModelPrice.tokens("1", "1") : ModelPrice.tokens("2", "2"))
                    .build();
            primary.replyError(ErrorKind.RATE_LIMITED);
            backup.replyText("from backup", new FakeUsage(2, 2));
            Instant before = Instant.now();
            assertEquals("from backup", gateway.chat(ask()).choices().getFirst().message().content());
            DeploymentStatus status = gateway.deploymentStatus().getFirst();
            assertEquals("cooling_down", status.state());
            Duration cooling = Duration.between(before, status.coolingUntil());
            assertTrue(cooling.compareTo(Duration.ofSeconds(7)) >= 0 && cooling.compareTo(Duration.ofSeconds(9)) < 0,
                    cooling.toString());
            primary.assertNoViolations();
            backup.assertNoViolations();
        }
    }

    @Test
    void aLoneDeploymentHandsALongRetryDelayToTheCallerAtOnce() {
        try (FakeGemini only = new FakeGemini()) {
            Gateway gateway = Gateway.builder()
                    .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                    .deployment(deployment("only", only))
                    .build();
            only.replyError(ErrorKind.RATE_LIMITED);
            GatewayException limited = assertThrows(GatewayException.class, () -> gateway.chat(ask()));
            assertInstanceOf(GatewayException.RateLimited.class, limited);
            assertEquals(Duration.ofSeconds(7), limited.retryAfter().orElseThrow(),
                    "7 s is longer than the longest wait (5 s): the caller gets it to wait out");
            assertEquals(1, only.requests().size());
        }
    }
}
