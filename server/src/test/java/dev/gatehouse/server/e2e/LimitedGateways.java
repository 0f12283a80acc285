package dev.gatehouse.server.e2e;

import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.spend.SpendSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gateways for the limit tests: the mock provider as model "mock" (and any extra deployments),
 * priced at $1 per thousand tokens each way, optionally sharing a Redis; and raw HTTP calls.
 */
final class LimitedGateways {

    static final ModelPrice DOLLAR_PER_THOUSAND = ModelPrice.tokens("1000", "1000");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LimitedGateways() {}

    static Gatehouse start(ControlPlane control, RedisSettings redis, Clock clock, List<Deployment> more) {
        ServerSettings d = ServerSettings.defaults();
        List<Deployment> deployments = new java.util.ArrayList<>(List.of(Deployment.builder("mock", "mock").build()));
        deployments.addAll(more);
        Map<String, ModelPrice> prices = new java.util.HashMap<>();
        deployments.forEach(deployment -> prices.put(deployment.provider() + "/" + deployment.upstreamModel(),
                DOLLAR_PER_THOUSAND));
        return Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(1)), deployments, Set.of("127.0.0.1"),
                Map.of(), prices, SpendSettings.defaults(), dev.gatehouse.server.testing.TestStores.ONE_ATTEMPT, redis), control, clock);
    }

    static String key(ControlPlane control, Limits limits) {
        return key(control, null, limits);
    }

    static String key(ControlPlane control, String teamId, Limits limits) {
        return control.keys().createKey(new KeyDraft("limited", teamId, List.of("*"), Set.of(), List.of(), null,
                limits, Json.object()), Actor.CLI).secret();
    }

    static String team(ControlPlane control, Limits limits) {
        return control.keys().createTeam(new TeamDraft("team", List.of("*"), limits, Json.object()), Actor.CLI).id();
    }

    static Limits limits(Integer rpm, Long tpm, Integer parallel, String budget) {
        return new Limits(budget == null ? null : new java.math.BigDecimal(budget), null, null, null, rpm, tpm,
                parallel);
    }

    static HttpResponse<String> chat(Gatehouse gatehouse, String key, boolean stream) {
        return post(gatehouse, "/v1/chat/completions", key, "{\"model\":\"mock\",\"max_tokens\":10,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    static HttpResponse<String> messages(Gatehouse gatehouse, String key, boolean stream) {
        return post(gatehouse, "/v1/messages", key, "{\"model\":\"mock\",\"max_tokens\":10,\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    static HttpResponse<String> post(Gatehouse gatehouse, String path, String key, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path))
                    .header("authorization", "Bearer " + key).header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(Gatehouse gatehouse, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatehouse.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
