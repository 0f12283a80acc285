package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.attribution.EndUser;
import dev.gatehouse.server.attribution.EndUserDraft;
import dev.gatehouse.server.attribution.EndUsers;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.spend.SpendQueries;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * LiteLLM's customer endpoints ({@code /customer/new}, {@code /customer/info},
 * {@code /customer/update}, {@code /customer/delete}, {@code /customer/list},
 * {@code /customer/block}, {@code /customer/unblock}) for users migrating, mapped onto
 * {@link EndUsers} with the fields that have a Gatehouse meaning; every other LiteLLM field is
 * refused by name, never ignored. Fields and answers as
 * https://docs.litellm.ai/docs/proxy/legacy_end_users describes them: LiteLLM keeps a customer's
 * budget in a budget table row, which its answers nest as {@code litellm_budget_table}.
 */
final class LiteLlmCustomerRoutes {

    private static final List<String> LIMIT_FIELDS = List.of("max_budget", "soft_budget", "budget_duration",
            "rpm_limit", "tpm_limit", "max_parallel_requests");
    private static final List<String> FIELDS = concat(List.of("user_id", "alias", "blocked"), LIMIT_FIELDS);

    private final EndUsers endUsers;
    private final SpendQueries spend;

    LiteLlmCustomerRoutes(EndUsers endUsers, SpendQueries spend) {
        this.endUsers = endUsers;
        this.spend = spend;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.post("/customer/new", Permission.MANAGE_KEYS, this::create),
                AdminRoute.get("/customer/info", Permission.READ_KEYS, this::info),
                AdminRoute.post("/customer/update", Permission.MANAGE_KEYS, this::update),
                AdminRoute.post("/customer/delete", Permission.MANAGE_KEYS, this::delete),
                AdminRoute.get("/customer/list", Permission.READ_KEYS, call -> Reply.ok(Json.array().addAll(
                        endUsers.all().stream().map(this::write).toList()))),
                AdminRoute.post("/customer/block", Permission.MANAGE_KEYS, call -> blocked(call, true)),
                AdminRoute.post("/customer/unblock", Permission.MANAGE_KEYS, call -> blocked(call, false)));
    }

    private Reply create(AdminCall call) {
        ObjectNode body = call.body();
        onlyMapped(body);
        String id = requiredId(body);
        return Reply.ok(write(endUsers.create(id, draft(body, EndUserDraft.EMPTY), call.actor())));
    }

    /** {@code ?end_user_id=}: a stored customer, or one that is not stored but has spend rows (LiteLLM stores every one it sees). */
    private Reply info(AdminCall call) {
        String id = call.query("end_user_id").orElseThrow(() -> JsonFields.bad("end_user_id",
                "end_user_id: name the customer to describe, as ?end_user_id=<id>"));
        Optional<EndUser> stored = endUsers.get(id);
        if (stored.isPresent()) {
            return Reply.ok(write(stored.get()));
        }
        BigDecimal spent = spent(id);
        if (spent.signum() == 0) {
            throw new NoSuchElementException("no end user " + id);
        }
        return Reply.ok(Json.object().put("user_id", id).put("blocked", false).putNull("alias")
                .put("spend", spent).putNull("allowed_model_region").putNull("default_model")
                .putNull("litellm_budget_table"));
    }

    private Reply update(AdminCall call) {
        ObjectNode body = call.body();
        onlyMapped(body);
        String id = requiredId(body);
        EndUser current = endUsers.get(id).orElseThrow(() -> new NoSuchElementException("no end user " + id));
        return Reply.ok(write(endUsers.update(id, draft(body, EndUserDraft.of(current)), call.actor())));
    }

    /** {@code {"user_ids": [...]}}: deletes every customer named, after checking that each exists. */
    private Reply delete(AdminCall call) {
        List<String> ids = userIds(call, "LiteLLM's /customer/delete");
        for (String id : ids) {
            endUsers.delete(id, call.actor());
        }
        ObjectNode out = Json.object();
        out.set("deleted_customers", Json.array().addAll(ids.stream().map(Json.mapper().getNodeFactory()::textNode)
                .toList()));
        return Reply.ok(out);
    }

    private Reply blocked(AdminCall call, boolean blocked) {
        List<String> ids = userIds(call, "LiteLLM's /customer/" + (blocked ? "block" : "unblock"));
        List<ObjectNode> changed = new ArrayList<>();
        for (String id : ids) {
            EndUser current = endUsers.get(id).orElseThrow(() -> new NoSuchElementException("no end user " + id));
            changed.add(write(endUsers.update(id, new EndUserDraft(current.alias(), current.limits(), blocked),
                    call.actor())));
        }
        ObjectNode out = Json.object();
        out.set(blocked ? "blocked_users" : "unblocked_users", Json.array().addAll(changed));
        return Reply.ok(out);
    }

    private List<String> userIds(AdminCall call, String what) {
        ObjectNode body = call.body();
        JsonFields.onlyKnown(body, List.of("user_ids"), what);
        List<String> ids = JsonFields.strings(body, "user_ids", null);
        if (ids == null || ids.isEmpty()) {
            throw JsonFields.bad("user_ids", "user_ids: the customers' ids are required");
        }
        for (String id : ids) {
            endUsers.get(id).orElseThrow(() -> new NoSuchElementException("no end user " + id));
        }
        return ids;
    }

    private static String requiredId(ObjectNode body) {
        String id = JsonFields.text(body, "user_id", null);
        if (id == null) {
            throw JsonFields.bad("user_id", "user_id: the customer's id is required");
        }
        return id;
    }

    /** LiteLLM's fields over {@code base}; its budget period ({@code 30d}) as Gatehouse's ({@code monthly}). */
    private static EndUserDraft draft(ObjectNode body, EndUserDraft base) {
        ObjectNode limits = Json.object();
        for (String field : LIMIT_FIELDS) {
            if (body.has(field)) {
                limits.set(field, body.get(field));
            }
        }
        JsonNode period = body.get("budget_duration");
        if (period != null && !period.isNull()) {
            limits.put("budget_duration", LiteLlmKeyRoutes.budgetPeriod(period));
        }
        return new EndUserDraft(JsonFields.text(body, "alias", base.alias()), Limits.read(limits, base.limits()),
                EndUserJson.bool(body, "blocked", base.blocked()));
    }

    private static void onlyMapped(ObjectNode body) {
        for (String unsupported : List.of("budget_id", "allowed_model_region", "default_model", "object_permission",
                "spend", "model_max_budget", "budget_reset_at")) {
            if (body.has(unsupported)) {
                throw JsonFields.bad(unsupported, unsupported + ": Gatehouse end users have no such setting; set"
                        + " their budget and rates with " + String.join(", ", LIMIT_FIELDS));
            }
        }
        JsonFields.onlyKnown(body, FIELDS, "LiteLLM's customer endpoints in Gatehouse");
    }

    private ObjectNode write(EndUser user) {
        ObjectNode out = Json.object().put("user_id", user.id()).put("blocked", user.blocked())
                .put("alias", user.alias()).put("spend", spent(user.id())).putNull("allowed_model_region")
                .putNull("default_model");
        Limits l = user.limits();
        if (l.equals(Limits.NONE)) {
            out.putNull("litellm_budget_table");
        } else {
            ObjectNode budget = out.putObject("litellm_budget_table");
            budget.put("max_budget", l.maxBudget()).put("soft_budget", l.softBudget())
                    .put("tpm_limit", l.tpm()).put("rpm_limit", l.rpm())
                    .put("max_parallel_requests", l.maxParallel())
                    .put("budget_duration", l.budgetPeriod() == null ? null : switch (l.budgetPeriod()) {
                        case "daily" -> "1d";
                        case "weekly" -> "7d";
                        default -> "30d";
                    });
        }
        return out;
    }

    /** Everything the spend log holds for the customer (within its retention), as LiteLLM's all-up spend. */
    private BigDecimal spent(String id) {
        return spend.endUserSpentSince(id, Instant.EPOCH).stripTrailingZeros();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
