package dev.gatehouse.routing;

import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Builds routers over mock deployments for the routing tests: a manual clock, a seeded random, sleeps that move the clock. */
final class Routers {

    final ManualClock clock = new ManualClock();
    final List<Duration> sleeps = new ArrayList<>();
    final InMemoryCooldowns cooldowns = new InMemoryCooldowns();
    final InMemoryCapacity capacity = new InMemoryCapacity(clock);
    final List<String> events = new ArrayList<>();
    RoutingSettings settings = RoutingSettings.DEFAULTS;
    Fallbacks fallbacks = Fallbacks.NONE;
    Map<String, ModelPrice> prices = Map.of();
    ModelNames names = ModelNames.NONE;

    static Deployment deployment(String model, String id) {
        return Deployment.builder(model, "mock").id(id).build();
    }

    static Deployment deployment(String model, String id, double weight) {
        return Deployment.builder(model, "mock").id(id).weight(weight).build();
    }

    Router router(Strategy strategy, Deployment... deployments) {
        return router(List.of(new Group(deployments[0].model(), strategy, List.of(deployments))));
    }

    Router router(List<Group> groups) {
        RoutingListener listener = new RoutingListener() {
            @Override
            public void cooldown(Deployment deployment, java.time.Instant until, Reason reason) {
                events.add("cooldown " + deployment.id() + " " + reason + " until " + until);
            }
        };
        return new Router(groups, names, settings, fallbacks, cooldowns, capacity, d -> prices.get(d.id()), listener, clock,
                new SplittableRandom(7), duration -> {
                    sleeps.add(duration);
                    clock.advance(duration);
                });
    }
}
