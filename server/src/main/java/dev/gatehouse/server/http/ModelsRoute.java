package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.ModelInfo;
import dev.gatehouse.server.auth.Caller;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.telemetry.Telemetry;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}: the public models the caller's key may
 * use, each with what it can take and do ({@link ModelCatalog}). A request that carries
 * {@code anthropic-version} is answered in Anthropic's format (platform.claude.com/docs/en/api/models-list,
 * with its {@code limit}, {@code after_id} and {@code before_id} pages), any other in OpenAI's. A
 * model that is not served and one the key may not use are the same 404, so a listing never tells
 * a key what it can not see.
 */
final class ModelsRoute {

    private static final HeaderName ANTHROPIC_VERSION = HeaderNames.create("anthropic-version");
    /** Anthropic's page size: 20 unless asked, at most 1,000. */
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 1000;

    private final ModelCatalog catalog;
    private final Telemetry telemetry;
    private final RequestAccess access;

    ModelsRoute(ModelCatalog catalog, Telemetry telemetry, RequestAccess access) {
        this.catalog = catalog;
        this.telemetry = telemetry;
        this.access = access;
    }

    /** The routes, with and without the {@code /v1} prefix. A model name may hold slashes: {@code /models/*} takes the rest. */
    void register(HttpRouting.Builder routing) {
        for (String prefix : new String[] {"/v1", ""}) {
            routing.get(prefix + "/models", this::list);
            String one = prefix + "/models/";
            routing.get(one + "*", (req, res) -> one(req, res, req.path().path().substring(one.length())));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        Exchange exchange = exchange(req, res);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.MODELS);
            List<String> visible = catalog.models().stream().filter(model -> access.mayUse(caller, model)).toList();
            exchange.sendJson(200, anthropic(req) ? anthropicPage(req, visible)
                    : ModelListJson.openAiList(visible.stream().map(this::openAi).toList()));
        });
    }

    private void one(ServerRequest req, ServerResponse res, String model) {
        Exchange exchange = exchange(req, res);
        exchange.run(() -> {
            Caller caller = access.check(req, Endpoint.MODELS);
            if (!catalog.models().contains(model) || !access.mayUse(caller, model)) {
                throw notFound(model);
            }
            exchange.sendJson(200, anthropic(req) ? ModelListJson.anthropic(model, catalog.info(model)) : openAi(model));
        });
    }

    private Exchange exchange(ServerRequest req, ServerResponse res) {
        Exchange exchange = new Exchange(req, res, "models", telemetry);
        if (anthropic(req)) {
            exchange.errorFormat(ErrorFormat.ANTHROPIC); // Anthropic's SDKs read errors in their own format.
        }
        return exchange;
    }

    private ObjectNode openAi(String model) {
        return ModelListJson.openAi(model, catalog.info(model));
    }

    private static boolean anthropic(ServerRequest req) {
        return req.headers().contains(ANTHROPIC_VERSION);
    }

    /** One page of Anthropic's list: {@code limit} models after {@code after_id}, or before {@code before_id}. */
    private ObjectNode anthropicPage(ServerRequest req, List<String> visible) {
        int limit = limit(req);
        String after = query(req, "after_id");
        String before = query(req, "before_id");
        if (after != null && before != null) {
            throw new GatewayException.BadRequest("Give after_id or before_id, not both.", "before_id");
        }
        int from = 0;
        int to = visible.size();
        if (after != null) {
            from = position(visible, after, "after_id") + 1;
            to = Math.min(visible.size(), from + limit);
        } else if (before != null) {
            to = position(visible, before, "before_id");
            from = Math.max(0, to - limit);
        } else {
            to = Math.min(visible.size(), limit);
        }
        boolean hasMore = before != null ? from > 0 : to < visible.size();
        List<ObjectNode> page = new ArrayList<>();
        for (String model : visible.subList(from, to)) {
            page.add(ModelListJson.anthropic(model, catalog.info(model)));
        }
        return ModelListJson.anthropicPage(page, hasMore);
    }

    private static int limit(ServerRequest req) {
        String value = query(req, "limit");
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as an out-of-range number is
        }
        throw new GatewayException.BadRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ".", "limit");
    }

    private static String query(ServerRequest req, String name) {
        return req.query().contains(name) ? req.query().get(name) : null;
    }

    /** Where a page cursor is among the models the key sees; one it does not see is refused like a wrong one. */
    private static int position(List<String> visible, String id, String param) {
        int at = visible.indexOf(id);
        if (at < 0) {
            throw new GatewayException.BadRequest(param + " names no model this key can list.", param);
        }
        return at;
    }

    private static GatewayException notFound(String model) {
        // A name longer than any configured one is not echoed back whole.
        return GatewayException.NotFound.model(model.length() > 256 ? model.substring(0, 256) + "…" : model);
    }
}
