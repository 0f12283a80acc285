package dev.gatehouse.routing;

import static dev.gatehouse.routing.Routers.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each strategy picks as docs/routing.md says, with a seeded random and a manual clock. */
class StrategyTest {

    private final Routers routers = new Routers();
    private final Deployment a = deployment("m", "a");
    private final Deployment b = deployment("m", "b");
    private final Deployment c = deployment("m", "c");

    private static Map<String, Integer> spread(Router router, int requests) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            String id = router.route("m", () -> 0, RequestContext.start(), attempt -> attempt.deployment().id());
            counts.merge(id, 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void weightedRandomFollowsTheWeights() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a", 1), deployment("m", "b", 3));
        Map<String, Integer> counts = spread(router, 4000);
        assertTrue(counts.get("a") > 850 && counts.get("a") < 1150, counts.toString());
        assertTrue(counts.get("b") > 2850 && counts.get("b") < 3150, counts.toString());
    }

    @Test
    void aDrainedDeploymentGetsNothingWhileAnotherCanServe() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "old", 0), deployment("m", "new", 1));
        assertEquals(Map.of("new", 500), spread(router, 500));
        routers.cooldowns.coolDown("new", routers.clock.instant().plusSeconds(60));
        assertEquals(Map.of("old", 10), spread(router, 10));
    }

    @Test
    void leastBusyPicksTheDeploymentWithFewestRequestsInFlight() {
        Router router = routers.router(Strategy.LEAST_BUSY, a, b, c);
        // Two requests in flight on a, one on b: c has none.
        for (String id : List.of("a", "a", "b")) {
            router.health(id).enter(null);
        }
        assertEquals(Map.of("c", 20), spread(router, 20));
        for (int i = 0; i < 3; i++) {
            router.health("c").enter(null);
        }
        assertEquals(Map.of("b", 20), spread(router, 20));
    }

    @Test
    void lowestLatencyTriesTheUnmeasuredFirstThenTheFastest() {
        Router router = routers.router(Strategy.LOWEST_LATENCY, a, b, c);
        router.health("a").succeeded(Duration.ofMillis(300).toNanos());
        router.health("b").succeeded(Duration.ofMillis(100).toNanos());
        assertEquals(c, router.picker().pick(List.of(a, b, c), Strategy.LOWEST_LATENCY)); // never measured: first
        router.health("c").succeeded(Duration.ofMillis(200).toNanos());
        assertEquals(b, router.picker().pick(List.of(a, b, c), Strategy.LOWEST_LATENCY));
    }

    @Test
    void theLatencyAverageMovesTowardsNewSamples() {
        Router router = routers.router(Strategy.LOWEST_LATENCY, a);
        router.health("a").succeeded(Duration.ofMillis(100).toNanos());
        router.health("a").succeeded(Duration.ofMillis(600).toNanos());
        assertEquals(200.0, router.health("a").latencyMillis(), 1e-9); // 100 + 0.2 * (600 - 100)
    }

    @Test
    void mostHeadroomPicksTheDeploymentWithMostOfItsMinuteLeft() {
        Deployment small = Deployment.builder("m", "mock").id("small").rpm(10).build();
        Deployment large = Deployment.builder("m", "mock").id("large").rpm(100).build();
        Router router = routers.router(Strategy.MOST_HEADROOM, small, large);
        // large has 5 of its 100 requests left (5 %); small all of its 10, then 90 %, 80 % … 10 %.
        for (int i = 0; i < 95; i++) {
            routers.capacity.tryTake("large", new DeploymentCapacity.Limits(100, null), 0).orElseThrow();
        }
        assertEquals(Map.of("small", 10), spread(router, 10));
        assertEquals(Map.of("large", 5), spread(router, 5)); // small is at 0 %
    }

    @Test
    void aDeploymentAtItsRpmIsSkippedAndAllAtCapacityIsA429() {
        Deployment one = Deployment.builder("m", "mock").id("one").rpm(2).build();
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, one);
        assertEquals(Map.of("one", 2), spread(router, 2));
        GatewayException refused = assertThrows(GatewayException.RateLimited.class, () -> spread(router, 1));
        assertTrue(refused.getMessage().contains("capacity"), refused.getMessage());
        routers.clock.advance(Duration.ofMinutes(1));
        assertEquals(Map.of("one", 1), spread(router, 1));
    }

    @Test
    void aTokensPerMinuteLimitCountsTheEstimateThenTheTokensReallyUsed() {
        Deployment one = Deployment.builder("m", "mock").id("one").tpm(1000L).build();
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, one);
        router.route("m", () -> 600, RequestContext.start(), attempt -> {
            attempt.usedTokens(100);
            return "ok";
        });
        // 100 used, 900 left: another 600-token request fits.
        router.route("m", () -> 600, RequestContext.start(), attempt -> "ok");
        assertThrows(GatewayException.RateLimited.class,
                () -> router.route("m", () -> 600, RequestContext.start(), attempt -> "ok"));
    }

    @Test
    void lowestCostPicksTheCheapestAndPutsUnknownPricesLast() {
        routers.prices = Map.of("a", ModelPrice.tokens("3", "15"), "b", ModelPrice.tokens("0.25", "1.25"));
        Router router = routers.router(Strategy.LOWEST_COST, a, b, c);
        assertEquals(Map.of("b", 20), spread(router, 20));
        routers.cooldowns.coolDown("b", routers.clock.instant().plusSeconds(60));
        assertEquals(Map.of("a", 20), spread(router, 20));
        routers.cooldowns.coolDown("a", routers.clock.instant().plusSeconds(60));
        assertEquals(Map.of("c", 5), spread(router, 5));
    }

    @Test
    void strategiesAreNamedInBothSpellings() {
        assertEquals(Strategy.LEAST_BUSY, Strategy.named("least_busy"));
        assertEquals(Strategy.WEIGHTED_RANDOM, Strategy.named("simple-shuffle"));
        assertEquals(Strategy.LOWEST_LATENCY, Strategy.named("latency-based-routing"));
        assertEquals(Strategy.MOST_HEADROOM, Strategy.named("usage-based-routing"));
        assertEquals(Strategy.MOST_HEADROOM, Strategy.named("usage-based-routing-v2"));
        assertEquals(Strategy.LOWEST_COST, Strategy.named("cost-based-routing"));
        assertNull(Strategy.named("round-robin"));
    }
}
