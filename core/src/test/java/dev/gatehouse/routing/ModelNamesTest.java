package dev.gatehouse.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Wildcard models and aliases as the router resolves them: exact names first, then the most
 * specific pattern (LiteLLM's order, https://docs.litellm.ai/docs/wildcard_routing), the
 * requested name as the upstream model, state kept per wildcard deployment.
 */
class ModelNamesTest {

    private final Routers routers = new Routers();

    private static Deployment deployment(String model, String upstream, String id) {
        return Deployment.builder(model, "mock").upstreamModel(upstream).id(id).build();
    }

    private static Group group(Deployment... deployments) {
        return new Group(deployments[0].model(), Strategy.WEIGHTED_RANDOM, List.of(deployments));
    }

    private Router router() {
        return routers.router(List.of(
                group(deployment("gpt-4o", "gpt-4o-2024-08-06", "exact")),
                group(deployment("openai/*", "*", "openai")),
                group(deployment("*", "*", "any")),
                group(deployment("fo::*:static::*", "fo::*:static::*", "two"))));
    }

    /** Which deployment served {@code model}, and the upstream model it was sent. */
    private static String served(Router router, String model) {
        return router.route(model, () -> 0, RequestContext.start(),
                attempt -> attempt.deployment().id() + " " + attempt.deployment().model() + " "
                        + attempt.deployment().upstreamModel());
    }

    @Test
    void anExactNameWinsOverEveryPattern() {
        assertEquals("exact gpt-4o gpt-4o-2024-08-06", served(router(), "gpt-4o"));
    }

    @Test
    void theMostSpecificPatternServesWithTheCapturedNameUpstream() {
        Router router = router();
        assertEquals("openai openai/gpt-4.1 gpt-4.1", served(router, "openai/gpt-4.1"));
        assertEquals("any claude-sonnet-4-5 claude-sonnet-4-5", served(router, "claude-sonnet-4-5"));
        assertEquals("two fo::a:static::b fo::a:static::b", served(router, "fo::a:static::b"));
    }

    @Test
    void aPatternAskedForIsNoModel() {
        Router router = routers.router(List.of(group(deployment("openai/*", "*", "openai"))));
        assertInstanceOf(GatewayException.NotFound.class, assertThrows(GatewayException.class,
                () -> served(router, "openai/*")));
        assertNull(router.group("anthropic/claude"));
        assertInstanceOf(GatewayException.NotFound.class, assertThrows(GatewayException.class,
                () -> served(router, "anthropic/claude")));
    }

    @Test
    void theAllowlistLimitsWhatAWildcardServes() {
        routers.names = new ModelNames(Map.of(), Set.of(), Map.of("openai/*", List.of("openai/gpt-4o*", "openai/o3")));
        Router router = routers.router(List.of(group(deployment("openai/*", "*", "openai"))));
        assertEquals("openai openai/gpt-4o-mini gpt-4o-mini", served(router, "openai/gpt-4o-mini"));
        assertEquals("openai openai/o3 o3", served(router, "openai/o3"));
        assertNull(router.group("openai/o3-pro"));
    }

    @Test
    void cooldownsStayWithTheWildcardDeployment() {
        Router router = routers.router(List.of(group(deployment("openai/*", "*", "openai"),
                deployment("openai/*", "*", "openai-eu"))));
        List<String> ids = new ArrayList<>();
        String answer = router.route("openai/gpt-4o", () -> 0, RequestContext.start(), attempt -> {
            ids.add(attempt.deployment().id());
            if (ids.size() == 1) {
                throw new GatewayException.UpstreamServerError("boom", 500, null);
            }
            return attempt.deployment().upstreamModel();
        });
        assertEquals("gpt-4o", answer);
        assertEquals(2, Set.copyOf(ids).size());
        // The failure counted against the wildcard deployment that failed, under its own id.
        DeploymentStatus failed = router.status().stream().filter(s -> s.id().equals(ids.get(0))).findFirst()
                .orElseThrow();
        assertEquals("openai/*", failed.model());
        assertEquals(1, failed.failures());
        assertEquals(1, failed.attempts());
    }

    @Test
    void aBareNameReachesItsProvidersWildcardOnlyWhenNoPatternTookItAsWritten() {
        routers.names = new ModelNames(Map.of(), Set.of(), Map.of(),
                name -> name.startsWith("claude") ? java.util.Optional.of("anthropic") : java.util.Optional.empty());
        Router router = routers.router(List.of(group(deployment("anthropic/*", "*", "anthropic"))));
        assertEquals("anthropic claude-sonnet-4-5 claude-sonnet-4-5", served(router, "claude-sonnet-4-5"));
        assertNull(router.group("gpt-4o"));
        // With "*" configured, the bare name is taken by it first, as in LiteLLM.
        Router both = routers.router(List.of(group(deployment("anthropic/*", "*", "anthropic")),
                group(deployment("*", "*", "any"))));
        assertEquals("any claude-sonnet-4-5 claude-sonnet-4-5", served(both, "claude-sonnet-4-5"));
    }

    @Test
    void anAliasIsServedByItsModelsGroup() {
        routers.names = new ModelNames(Map.of("fast", "gpt-4o", "any-openai", "openai/gpt-4.1"), Set.of("fast"),
                Map.of());
        Router router = router();
        assertEquals("exact gpt-4o gpt-4o-2024-08-06", served(router, "fast"));
        assertEquals("openai openai/gpt-4.1 gpt-4.1", served(router, "any-openai"));
    }

    @Test
    void anAliasMustNameAServedModel() {
        routers.names = new ModelNames(Map.of("fast", "nothing"), Set.of(), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> routers.router(List.of(group(deployment("gpt-4o", "gpt-4o", "exact")))));
    }

    @Test
    void patternsMatchTheWholeName() {
        ModelPattern pattern = new ModelPattern("openai/*");
        assertEquals(List.of("gpt-4o"), pattern.capture("openai/gpt-4o").orElseThrow());
        assertEquals("gpt-4o", pattern.upstream("*", "openai/gpt-4o"));
        assertEquals("openai/gpt-4o", pattern.upstream("openai/*", "openai/gpt-4o"));
        assertEquals("fixed", pattern.upstream("fixed", "openai/gpt-4o"));
        assertEquals(false, pattern.matches("xopenai/gpt-4o"));
        assertEquals(true, ModelPattern.admits("gpt-4o", "gpt-4o"));
        assertEquals(false, ModelPattern.admits("gpt-4o", "gpt-4o-mini"));
    }

    @Test
    void matchingAgreesWithWhatEachStarCaptures() {
        String[][] cases = {
            {"*", ""}, {"*", "anything/at all"}, {"openai/*", "openai/"}, {"openai/*", "openai"},
            {"*/gpt-*", "azure/gpt-4o"}, {"*/gpt-*", "azure/o3"}, {"a*b*c", "abc"}, {"a*b*c", "aXbYbZc"},
            {"a*b*c", "aXbYcZ"}, {"a*a", "a"}, {"a*a", "aa"}, {"**", "x"}, {"gpt-4o*", "gpt-4o-mini"},
            {"gpt-4o*", "gpt-4"}, {"*-mini", "gpt-4o-mini"}, {"*-mini", "gpt-4o-mini-2"},
            {"claude-*-4-*", "claude-sonnet-4-5"}, {"claude-*-4-*", "claude-sonnet-4"}};
        for (String[] c : cases) {
            ModelPattern pattern = new ModelPattern(c[0]);
            assertEquals(pattern.capture(c[1]).isPresent(), pattern.matches(c[1]), c[0] + " against '" + c[1] + "'");
        }
        assertEquals(true, new ModelPattern("a*b*c").matches("aXbYbZc"));
        assertEquals(false, new ModelPattern("a*b*c").matches("aXbYcZ"));
        assertEquals(false, new ModelPattern("*").matches(null));
    }
}
