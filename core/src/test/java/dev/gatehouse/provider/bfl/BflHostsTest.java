package dev.gatehouse.provider.bfl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The allow-list of BFL hosts: BFL's documented API and delivery hosts under *.bfl.ai
 * (docs.bfl.ai/api_integration/integration_guidelines) and nothing else.
 */
class BflHostsTest {

    private final BflHosts defaults = BflHosts.of(null, null);

    @ParameterizedTest
    @ValueSource(strings = {
        "https://api.bfl.ai/v1/get_result?id=1",
        "https://api.us1.bfl.ai/v1/get_result?id=1",
        "https://api.eu.bfl.ai/v1/get_result?id=1",
        "https://delivery-eu1.bfl.ai/results/abc/sample.jpeg?se=x&sig=y",
        "https://API.BFL.AI:443/v1/get_result?id=1",
    })
    void followsBflsOwnHosts(String url) {
        assertEquals(URI.create(url), defaults.check(url, "polling URL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://api.bfl.ai/v1/get_result?id=1",
        "https://api.bfl.ai:8443/v1/get_result?id=1",
        "https://bfl.ai.evil.example/v1/get_result",
        "https://evilbfl.ai/v1/get_result",
        "https://api.bfl.ai.evil.example/x",
        "https://169.254.169.254/latest/meta-data/",
        "https://user:pw@api.bfl.ai/v1/get_result",
        "file:///etc/passwd",
        "not a url",
        "https://localhost/v1/get_result",
    })
    void refusesEverythingElse(String url) {
        GatewayException e = assertThrows(GatewayException.UpstreamServerError.class,
                () -> defaults.check(url, "polling URL"));
        assertTrue(e.getMessage().contains("polling URL"));
        assertFalse(e.getMessage().contains("sig=") || e.getMessage().contains("pw@"), "a URL is never quoted");
    }

    @Test
    void aConfiguredListReplacesTheDefault() {
        BflHosts hosts = BflHosts.of("api.bfl.ml, relay.example.com:8443", null);
        hosts.check("https://api.bfl.ml/v1/get_result", "polling URL");
        hosts.check("https://relay.example.com:8443/x", "result URL");
        assertThrows(GatewayException.class, () -> hosts.check("https://api.bfl.ai/v1/get_result", "polling URL"));
        assertThrows(GatewayException.class, () -> hosts.check("https://relay.example.com/x", "result URL"));
    }

    @Test
    void theConfiguredBaseUrlsOwnOriginIsTrusted() {
        BflHosts hosts = BflHosts.of(null, URI.create("http://127.0.0.1:9999"));
        hosts.check("http://127.0.0.1:9999/v1/get_result?id=1", "polling URL");
        assertThrows(GatewayException.class, () -> hosts.check("http://127.0.0.1:9998/x", "polling URL"));
        assertThrows(GatewayException.class, () -> hosts.check("http://localhost:9999/x", "polling URL"));
    }
}
