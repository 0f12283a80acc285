package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.routing.DeploymentStatus;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code GET /admin/models}: every public model the gateway serves now, in configuration order,
 * with its access groups, what it can take and do, its price, and its deployments — each with
 * its provider, upstream model, price and routing health on this instance (the fields of
 * {@code GET /admin/health/deployments}). Never a deployment's address or credential. The price is
 * what the spend log charges; a model's own {@code price} is its deployments' when they all
 * have the same known one, else null (see each deployment's).
 */
final class ServedModelsRoute {

    private final GatewayOperations gateway;

    ServedModelsRoute(GatewayOperations gateway) {
        this.gateway = gateway;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/models", Permission.READ_HEALTH, call -> {
            Map<String, DeploymentStatus> health = gateway.deployments().stream()
                    .collect(Collectors.toMap(DeploymentStatus::id, Function.identity(), (a, b) -> a));
            return Reply.ok(AdminJson.list(gateway.models().stream().map(model -> write(model, health)).toList()));
        }));
    }

    static ObjectNode write(GatewayOperations.Model model, Map<String, DeploymentStatus> health) {
        ObjectNode out = Json.object().put("id", model.name()).put("object", "model");
        JsonFields.putStrings(out, "access_groups", new TreeSet<>(model.accessGroups()));
        ModelInfo info = model.info();
        out.put("context_window", info.contextWindow()).put("max_output_tokens", info.maxOutputTokens());
        out.putObject("capabilities").put("function_calling", info.functionCalling()).put("vision", info.vision())
                .put("reasoning", info.reasoning()).put("response_schema", info.responseSchema());
        // Compared as written, so that 2.5 and 2.50 are one price.
        List<ObjectNode> prices = model.deployments().stream().map(d -> price(d.price())).toList();
        boolean onePrice = !prices.isEmpty() && prices.stream().allMatch(p -> p != null && p.equals(prices.getFirst()));
        out.set("price", onePrice ? prices.getFirst() : null);
        var deployments = out.putArray("deployments");
        for (GatewayOperations.ModelDeployment deployment : model.deployments()) {
            DeploymentStatus status = health.get(deployment.id());
            ObjectNode entry = status == null ? Json.object().put("id", deployment.id()).putNull("state")
                    : HealthRoutes.write(status);
            entry.remove("model");
            entry.put("provider", deployment.provider()).put("upstream_model", deployment.upstreamModel())
                    .put("weight", deployment.weight());
            entry.set("price", price(deployment.price()));
            deployments.add(entry);
        }
        return out;
    }

    /**
     * A price as decimal strings of US dollars: per million tokens (input and output always, null
     * when the provider lists none; the cached, cache-write and reasoning prices when they differ
     * from those), per image by quality and size, and the long-context tier. JSON null when unknown.
     */
    static ObjectNode price(ModelPrice price) {
        if (price == null) {
            return null;
        }
        ObjectNode out = Json.object().put("input_per_million", plain(price.inputPerMillion()))
                .put("output_per_million", plain(price.outputPerMillion()));
        putIfSet(out, "cached_input_per_million", price.cachedInputPerMillion());
        putIfSet(out, "cache_write_per_million", price.cacheWritePerMillion());
        putIfSet(out, "reasoning_per_million", price.reasoningPerMillion());
        if (!price.perImage().isEmpty()) {
            ObjectNode images = out.putObject("per_image");
            new TreeSet<>(price.perImage().keySet()).forEach(k -> images.put(k, plain(price.perImage().get(k))));
        }
        if (price.longContext() != null) {
            ModelPrice.LongContext tier = price.longContext();
            out.putObject("long_context").put("prompt_tokens_above", tier.promptTokensAbove())
                    .put("input_per_million", plain(tier.inputPerMillion()))
                    .put("output_per_million", plain(tier.outputPerMillion()));
        }
        return out;
    }

    private static void putIfSet(ObjectNode out, String name, BigDecimal value) {
        if (value != null) {
            out.put(name, plain(value));
        }
    }

    private static String plain(BigDecimal value) {
        return Objects.isNull(value) ? null : value.stripTrailingZeros().toPlainString();
    }
}
