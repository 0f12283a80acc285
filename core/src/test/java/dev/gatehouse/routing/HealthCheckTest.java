package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.JdkHttpTransport;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.testkit.ScriptableFake.ErrorKind;
import dev.gatehouse.testkit.ScriptableFake.FakeUsage;
import dev.gatehouse.testkit.openai.FakeOpenAi;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Background health checks: a one-token request to one deployment, counted like a request. */
class HealthCheckTest {

    @Test
    void failingChecksCoolADeploymentDownAndAPassingOneIsAOneTokenRequest() {
        try (FakeOpenAi sick = new FakeOpenAi(); FakeOpenAi well = new FakeOpenAi()) {
            Gateway gateway = Gateway.builder()
                    .transport(new JdkHttpTransport(Duration.ofSeconds(2)))
                    .deployment(Deployment.builder("m", "openai").id("sick").baseUrl(sick.baseUrl())
                            .apiKey(Secret.of(sick.apiKey())).build())
                    .deployment(Deployment.builder("m", "openai").id("well").baseUrl(well.baseUrl())
                            .apiKey(Secret.of(well.apiKey())).build())
                    .build();
            for (int i = 0; i < 3; i++) {
                sick.replyError(ErrorKind.SERVER_ERROR);
                assertThrows(GatewayException.UpstreamServerError.class, () -> gateway.checkHealth("sick"));
            }
            assertEquals("cooling_down", gateway.deploymentStatus().getFirst().state());
            assertEquals(3, sick.requests().size(), "a check is never retried");

            well.replyText("pong", new FakeUsage(1, 1));
            gateway.checkHealth("well");
            assertEquals(1, well.lastRequest().json().path("max_tokens").asInt());
            assertEquals(1, gateway.deploymentStatus().get(1).attempts());
            sick.assertNoViolations();
            well.assertNoViolations();
        }
    }

    @Test
    void anUnknownDeploymentIsRefused() {
        Gateway gateway = Gateway.builder().deployment(Deployment.builder("m", "mock").build()).build();
        assertThrows(IllegalArgumentException.class, () -> gateway.checkHealth("nope"));
        gateway.checkHealth("m#1"); // the mock answers
    }
}
