package dev.gatehouse.routing;

import static dev.gatehouse.routing.Routers.deployment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Retries, cooldowns, the half-open probe, fallbacks and the deadline, on calls that fail as scripted. */
class RouterTest {

    private final Routers routers = new Routers();
    private final List<String> calls = new ArrayList<>();

    private static GatewayException serverError() {
        return new GatewayException.UpstreamServerError("boom", 500, null);
    }

    /** A call that fails with the given failure on the deployments named, and answers on the others. */
    private Router.Call<String> failingOn(Map<String, GatewayException> failures) {
        return attempt -> {
            String id = attempt.deployment().id();
            calls.add(id);
            GatewayException failure = failures.get(id);
            if (failure != null) {
                throw failure;
            }
            return "answer from " + id;
        };
    }

    private String route(Router router, Map<String, GatewayException> failures) {
        return router.route("m", () -> 0, RequestContext.start(), failingOn(failures));
    }

    /** a is the cheaper of two: lowest cost sends every request to it while it is in routing. */
    private Router cheapAndDear() {
        routers.prices = Map.of("a", ModelPrice.tokens("1", "1"), "b", ModelPrice.tokens("5", "5"));
        return routers.router(Strategy.LOWEST_COST, deployment("m", "a"), deployment("m", "b"));
    }

    @Test
    void aServerErrorIsRetriedOnAnotherDeploymentAtOnce() {
        Router router = cheapAndDear();
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        String answer = router.route("m", () -> 0, context, failingOn(Map.of("a", serverError())));
        assertEquals("answer from b", answer);
        assertEquals(List.of("a", "b"), calls);
        assertEquals(2, trace.attempts());
        assertEquals("b", trace.deployment().id());
        assertNull(trace.fallback());
        assertEquals(List.of(), routers.sleeps); // another deployment: no backoff
    }

    @Test
    void aLoneDeploymentIsRetriedAfterAFullJitterBackoff() {
        routers.settings = RoutingSettings.DEFAULTS.withRetries(3);
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        assertThrows(GatewayException.UpstreamServerError.class, () -> route(router, Map.of("a", serverError())));
        assertEquals(List.of("a", "a", "a", "a"), calls);
        assertEquals(3, routers.sleeps.size());
        // Full jitter: each wait is between 0 and base * 2^n.
        for (int n = 0; n < 3; n++) {
            Duration wait = routers.sleeps.get(n);
            assertTrue(!wait.isNegative() && wait.compareTo(Duration.ofMillis(100L << n)) <= 0, wait.toString());
        }
    }

    @Test
    void backoffIsCappedAtItsMaximum() {
        routers.settings = RoutingSettings.DEFAULTS.withBackoff(Duration.ofMillis(100), Duration.ofMillis(250));
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        for (int round = 0; round < 40; round++) {
            Duration wait = router.backoff().before(round);
            assertTrue(!wait.isNegative() && wait.compareTo(Duration.ofMillis(250)) <= 0, wait.toString());
        }
    }

    @Test
    void aDeploymentAtItsRequestsInFlightIsPassedOverUntilOneEnds() {
        routers.prices = Map.of("a", ModelPrice.tokens("1", "1"), "b", ModelPrice.tokens("5", "5"));
        Router router = routers.router(Strategy.LOWEST_COST,
                Deployment.builder("m", "mock").id("a").maxParallel(1).build(), deployment("m", "b"));
        List<Attempt> open = new ArrayList<>();
        // A stream holds its place until it ends: the attempt is detached and done later.
        Router.Call<String> streaming = attempt -> {
            open.add(attempt.detach());
            return attempt.deployment().id();
        };
        assertEquals("a", router.route("m", () -> 0, RequestContext.start(), streaming), "the cheaper, while it has room");
        assertEquals("b", router.route("m", () -> 0, RequestContext.start(), streaming), "a has one in flight, its most");
        open.getFirst().done();
        assertEquals("a", router.route("m", () -> 0, RequestContext.start(), streaming), "a's place came back");
    }

    @Test
    void aLoneDeploymentAtItsRequestsInFlightWaitsThenRefusesWithARetryAfter() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM,
                Deployment.builder("m", "mock").id("a").maxParallel(1).build());
        router.route("m", () -> 0, RequestContext.start(), attempt -> attempt.detach()); // holds the one place
        GatewayException.RateLimited full = assertInstanceOf(GatewayException.RateLimited.class,
                assertThrows(GatewayException.class, () -> route(router, Map.of())));
        assertEquals(Duration.ofSeconds(1), full.retryAfter().orElseThrow());
        assertTrue(full.getMessage().contains("requests in flight"), full.getMessage());
        assertEquals(List.of(), calls, "nothing was sent past the limit");
        assertTrue(routers.sleeps.stream().allMatch(Duration.ofSeconds(1)::equals), "it waited for a place: "
                + routers.sleeps);
    }

    @Test
    void aBadRequestIsNotRetried() {
        Router router = cheapAndDear();
        GatewayException bad = new GatewayException.BadRequest("no", "temperature");
        assertSame(bad, assertThrows(GatewayException.class, () -> route(router, Map.of("a", bad, "b", bad))));
        assertEquals(List.of("a"), calls);
        assertNull(routers.cooldowns.coolingUntil("a", routers.clock.instant()));
    }

    @Test
    void tooManyFailuresCoolADeploymentDownThenOneProbeBringsItBack() {
        routers.settings = RoutingSettings.DEFAULTS.withRetries(0).withCooldown(3, Duration.ofMinutes(1),
                Duration.ofSeconds(30));
        Router router = cheapAndDear();
        for (int i = 0; i < 3; i++) {
            assertThrows(GatewayException.class, () -> route(router, Map.of("a", serverError())));
        }
        assertEquals(List.of("cooldown a FAILURES until 2026-01-01T00:00:30Z"), routers.events);
        assertEquals("cooling_down", router.status().getFirst().state());
        // Cooling: passed over without being called.
        assertEquals("answer from b", route(router, Map.of("a", serverError())));
        assertEquals(List.of("a", "a", "a", "b"), calls);

        routers.clock.advance(Duration.ofSeconds(31));
        assertEquals("half_open", router.status().getFirst().state());
        // While the probe is waiting for its answer, other requests pass a over and go to b.
        List<String> meanwhile = new ArrayList<>();
        assertEquals("a", router.route("m", () -> 0, RequestContext.start(), attempt -> {
            meanwhile.add(router.status().getFirst().state());
            meanwhile.add(route(router, Map.of()));
            return attempt.deployment().id();
        }));
        assertEquals(List.of("probing", "answer from b"), meanwhile);
        assertEquals("answer from a", route(router, Map.of()));
        assertEquals("healthy", router.status().getFirst().state());
    }

    @Test
    void aFailedProbeCoolsTheDeploymentDownAgainAtOnce() {
        routers.settings = RoutingSettings.DEFAULTS.withRetries(0).withCooldown(3, Duration.ofMinutes(1),
                Duration.ofSeconds(30));
        Router router = cheapAndDear();
        for (int i = 0; i < 3; i++) {
            assertThrows(GatewayException.class, () -> route(router, Map.of("a", serverError())));
        }
        routers.clock.advance(Duration.ofSeconds(31));
        assertThrows(GatewayException.class, () -> route(router, Map.of("a", serverError())));
        assertEquals(2, routers.events.size());
        assertEquals("cooldown a FAILURES until 2026-01-01T00:01:01Z", routers.events.getLast());
    }

    @Test
    void whenEveryDeploymentIsCoolingTheCallerHearsSoAtOnce() {
        Router router = cheapAndDear();
        routers.cooldowns.coolDown("a", routers.clock.instant().plusSeconds(60));
        routers.cooldowns.coolDown("b", routers.clock.instant().plusSeconds(60));
        GatewayException refused = assertThrows(GatewayException.UpstreamServerError.class,
                () -> route(router, Map.of()));
        assertEquals(503, refused.status());
        assertTrue(refused.getMessage().contains("cooling down"), refused.getMessage());
        assertEquals(List.of(), calls);
        assertEquals(List.of(), routers.sleeps);
    }

    @Test
    void aLoneDeploymentIsNeverCooledDown() {
        routers.settings = RoutingSettings.DEFAULTS.withRetries(0);
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        for (int i = 0; i < 10; i++) {
            assertThrows(GatewayException.class, () -> route(router, Map.of("a", serverError())));
        }
        assertEquals(List.of(), routers.events);
        assertEquals(10, calls.size());
    }

    @Test
    void a429CoolsDownForItsRetryAfterAndTheOtherDeploymentServes() {
        Router router = cheapAndDear();
        GatewayException limited = new GatewayException.RateLimited("slow down", Duration.ofSeconds(2), false, null);
        assertEquals("answer from b", route(router, Map.of("a", limited)));
        assertEquals(List.of("cooldown a RATE_LIMITED until 2026-01-01T00:00:02Z"), routers.events);
        assertEquals(List.of(), routers.sleeps);
        routers.clock.advance(Duration.ofSeconds(2));
        assertEquals("answer from a", route(router, Map.of()));
    }

    @Test
    void aLoneDeploymentIsRetriedNoSoonerThanItsRetryAfter() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        List<GatewayException> script = new ArrayList<>(List.of(
                new GatewayException.RateLimited("slow down", Duration.ofSeconds(2), false, null)));
        String answer = router.route("m", () -> 0, RequestContext.start(), attempt -> {
            if (!script.isEmpty()) {
                throw script.removeFirst();
            }
            return "ok";
        });
        assertEquals("ok", answer);
        assertEquals(List.of(Duration.ofSeconds(2)), routers.sleeps); // exactly the retry-after
    }

    @Test
    void a429WithARetryAfterLongerThanTheLongestWaitGoesBackToTheCallerAtOnce() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        GatewayException limited = new GatewayException.RateLimited("slow down", Duration.ofSeconds(60), false, null);
        assertSame(limited, assertThrows(GatewayException.class, () -> route(router, Map.of("a", limited))));
        assertEquals(1, calls.size());
        assertEquals(List.of(), routers.sleeps);
    }

    @Test
    void aRefusedCredentialTakesTheDeploymentOutForLong() {
        Router router = cheapAndDear();
        GatewayException refused = new GatewayException.Authentication("bad key", null);
        for (int i = 0; i < 20; i++) {
            assertEquals("answer from b", route(router, Map.of("a", refused)));
        }
        assertEquals(1, calls.stream().filter("a"::equals).count());
        assertEquals(routers.clock.instant().plus(RoutingSettings.DEFAULTS.authCooldown()),
                routers.cooldowns.coolingUntil("a", routers.clock.instant()));
        assertTrue(routers.events.getFirst().contains("CREDENTIAL_REFUSED"));
    }

    @Test
    void theWarningAboutALoneDeploymentsRefusedCredentialReadsAsWritten() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        GatewayException refused = new GatewayException.Authentication("bad key", null);
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(Router.class.getName());
        List<String> messages = new ArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            private final java.util.logging.SimpleFormatter format = new java.util.logging.SimpleFormatter();

            @Override
            public void publish(java.util.logging.LogRecord record) {
                messages.add(format.formatMessage(record)); // as a console or file handler shows it
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(handler);
        try {
            assertThrows(GatewayException.Authentication.class, () -> route(router, Map.of("a", refused)));
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(List.of("the upstream refused the credential of deployment a (mock, m); it is its model's"
                + " only deployment"), messages);
    }

    /** Models main, second and third of one deployment each (m1, s1, t1); main falls back to second, then third. */
    private Router mainFallingBackToSecondThenThird() {
        routers.settings = RoutingSettings.DEFAULTS.withRetries(0);
        routers.fallbacks = new Fallbacks(Map.of("main", List.of("second", "third")), Map.of(), Map.of());
        Router router = routers.router(List.of(
                new Group("main", Strategy.WEIGHTED_RANDOM, List.of(deployment("main", "m1"))),
                new Group("second", Strategy.WEIGHTED_RANDOM, List.of(deployment("second", "s1"))),
                new Group("third", Strategy.WEIGHTED_RANDOM, List.of(deployment("third", "t1")))));
        return router;
    }

    @Test
    void fallbacksAreTriedInOrderAndTheTraceNamesTheModelThatServed() {
        Router router = mainFallingBackToSecondThenThird();
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        String answer = router.route("main", () -> 0, context, failingOn(Map.of("m1", serverError(), "s1", serverError())));
        assertEquals("answer from t1", answer);
        assertEquals(List.of("m1", "s1", "t1"), calls);
        assertEquals("third", trace.fallback());
        assertEquals(3, trace.attempts());
    }

    @Test
    void fallbacksTheRequestMayNotUseAreSkippedAndNamedInTheTrace() {
        Router router = mainFallingBackToSecondThenThird();
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace().onlyModels(model -> !model.equals("second"));
        assertEquals("answer from t1", router.route("main", () -> 0, context, failingOn(Map.of("m1", serverError()))));
        assertEquals(List.of("m1", "t1"), calls, "second was never called");
        assertEquals(List.of("second"), trace.skipped());
        assertEquals("third", trace.fallback());

        calls.clear();
        RequestContext alone = RequestContext.start();
        alone.trace().onlyModels("main"::equals);
        GatewayException error = serverError();
        assertSame(error, assertThrows(GatewayException.class,
                () -> router.route("main", () -> 0, alone, failingOn(Map.of("m1", error)))));
        assertEquals(List.of("m1"), calls);
        assertEquals(List.of("second", "third"), alone.trace().skipped());
        assertEquals(1, alone.trace().failures().size());
    }

    @Test
    void aContextLengthErrorGoesToTheContextWindowFallbacksOnly() {
        routers.fallbacks = new Fallbacks(Map.of("small", List.of("other")), Map.of("small", List.of("large")),
                Map.of());
        Router router = routers.router(List.of(
                new Group("small", Strategy.WEIGHTED_RANDOM, List.of(deployment("small", "s1"), deployment("small", "s2"))),
                new Group("other", Strategy.WEIGHTED_RANDOM, List.of(deployment("other", "o1"))),
                new Group("large", Strategy.WEIGHTED_RANDOM, List.of(deployment("large", "l1")))));
        GatewayException tooLong = new GatewayException.ContextLengthExceeded("too long", null);
        RequestContext context = RequestContext.start();
        RouteTrace trace = context.trace();
        String answer = router.route("small", () -> 0, context, failingOn(Map.of("s1", tooLong, "s2", tooLong)));
        assertEquals("answer from l1", answer);
        assertEquals(2, calls.size()); // one small deployment (the other would refuse the same), then large
        assertEquals("large", trace.fallback());
    }

    @Test
    void aContentPolicyRefusalGoesToTheContentPolicyFallbacksOrToTheCaller() {
        routers.fallbacks = new Fallbacks(Map.of(), Map.of(), Map.of("strict", List.of("lenient")));
        Router router = routers.router(List.of(
                new Group("strict", Strategy.WEIGHTED_RANDOM, List.of(deployment("strict", "x"))),
                new Group("lenient", Strategy.WEIGHTED_RANDOM, List.of(deployment("lenient", "y")))));
        GatewayException filtered = new GatewayException.ContentFiltered("refused", null);
        assertEquals("answer from y", router.route("strict", () -> 0, RequestContext.start(), failingOn(Map.of("x", filtered))));
        assertSame(filtered, assertThrows(GatewayException.class,
                () -> router.route("lenient", () -> 0, RequestContext.start(), failingOn(Map.of("y", filtered)))));
    }

    @Test
    void theDeadlineBoundsEveryAttemptsTimeouts() {
        routers.settings = RoutingSettings.DEFAULTS.withDeadline(Duration.ofSeconds(5));
        Deployment slow = Deployment.builder("m", "mock").id("a").timeout(Duration.ofSeconds(60))
                .totalTimeout(Duration.ofMinutes(10)).build();
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, slow);
        Deployment seen = router.route("m", () -> 0, RequestContext.start(), Attempt::deployment);
        assertTrue(seen.totalTimeout().compareTo(Duration.ofSeconds(5)) <= 0, seen.totalTimeout().toString());
        assertTrue(seen.timeout().compareTo(Duration.ofSeconds(5)) <= 0, seen.timeout().toString());
    }

    @Test
    void anUnknownModelIsA404() {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        assertInstanceOf(GatewayException.NotFound.class, assertThrows(GatewayException.class,
                () -> router.route("nope", () -> 0, RequestContext.start(), failingOn(Map.of()))));
    }

    @Test
    void fallbacksMustNameServedModels() {
        routers.fallbacks = new Fallbacks(Map.of("m", List.of("ghost")), Map.of(), Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a")));
        assertTrue(e.getMessage().contains("ghost"));
    }

    @Test
    void theDeadlineCountsFromTheRequestsStart() throws InterruptedException {
        Router router = routers.router(Strategy.WEIGHTED_RANDOM, deployment("m", "a"));
        RequestContext context = RequestContext.startWithin(Duration.ofMillis(20));
        Thread.sleep(40); // the request waited (for its key check, its body) before it was routed
        assertInstanceOf(GatewayException.UpstreamTimeout.class,
                assertThrows(GatewayException.class, () -> router.route("m", () -> 0, context, failingOn(Map.of()))));
        assertEquals(List.of(), calls, "nothing was sent after the deadline");
        assertEquals(0, context.trace().attempts());
    }
}
