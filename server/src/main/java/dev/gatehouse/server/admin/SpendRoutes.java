package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.spend.SpendQueries;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/**
 * {@code /admin/spend}: what was spent over a time range, grouped by key, team, model, end user,
 * tag or UTC day, and {@code /admin/spend/export}, every spend row of the range as CSV. The range
 * is {@code from} (inclusive) to {@code to} (exclusive), ISO-8601 instants; the last 30 days when
 * not given. {@code /spend/tags} is LiteLLM's spend by tag, in its shape.
 */
final class SpendRoutes {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    private final SpendQueries queries;
    private final Clock clock;

    SpendRoutes(SpendQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/admin/spend", Permission.READ_SPEND, this::totals),
                AdminRoute.get("/admin/spend/export", Permission.READ_SPEND, call -> {
                    Instant[] range = range(call);
                    // Streamed page by page as the rows are read: an export of any size runs in constant memory.
                    return Reply.streamed("text/csv; charset=utf-8", out -> {
                        Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
                        queries.exportCsv(range[0], range[1], csv);
                        csv.flush();
                    });
                }),
                AdminRoute.get("/spend/tags", Permission.READ_SPEND, this::liteLlmTags));
    }

    /**
     * LiteLLM's {@code GET /spend/tags?start_date=YYYY-MM-DD&end_date=YYYY-MM-DD} (both days
     * included; the last 30 days when not given): {@code [{"individual_request_tag", "log_count",
     * "total_spend"}]}, the most spent first, as https://github.com/BerriAI/litellm/releases/tag/v1.24.6
     * shows it.
     */
    private Reply liteLlmTags(AdminCall call) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate end = day(call.query("end_date").orElse(null), "end_date", today);
        LocalDate start = day(call.query("start_date").orElse(null), "start_date",
                end.minusDays(DEFAULT_RANGE.toDays() - 1));
        if (start.isAfter(end)) {
            throw JsonFields.bad("start_date", "start_date must not be after end_date");
        }
        List<SpendQueries.Total> totals = queries.byTag(start.atStartOfDay(ZoneOffset.UTC).toInstant(),
                end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        var out = Json.array();
        totals.stream().sorted(Comparator.comparing(SpendQueries.Total::costUsd).reversed())
                .forEach(total -> out.addObject().put("individual_request_tag", total.group())
                        .put("log_count", total.requests()).put("total_spend", total.costUsd()));
        return Reply.ok(out);
    }

    private static LocalDate day(String text, String name, LocalDate fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw JsonFields.bad(name, name + " must be a date such as 2026-11-01");
        }
    }

    /** {@code ?group_by=key|team|model|end_user|tag|day&from=…&to=…}. */
    private Reply totals(AdminCall call) {
        Instant[] range = range(call);
        String groupBy = call.query("group_by").orElse("key");
        List<SpendQueries.Total> totals = switch (groupBy) {
            case "key" -> queries.byKey(range[0], range[1]);
            case "team" -> queries.byTeam(range[0], range[1]);
            case "model" -> queries.byModel(range[0], range[1]);
            case "day" -> queries.byDay(range[0], range[1]);
            case "end_user" -> queries.byEndUser(range[0], range[1]);
            case "tag" -> queries.byTag(range[0], range[1]);
            default -> throw JsonFields.bad("group_by", "group_by must be key, team, model, end_user, tag or day");
        };
        ObjectNode out = AdminJson.list(totals.stream().map(total -> {
            ObjectNode row = Json.object();
            row.put(groupBy, total.group()).put("requests", total.requests())
                    .put("prompt_tokens", total.promptTokens()).put("completion_tokens", total.completionTokens())
                    .put("cost_usd", total.costUsd().toPlainString())
                    .put("unpriced_requests", total.unpricedRequests());
            return row;
        }).toList());
        out.put("group_by", groupBy).put("from", range[0].toString()).put("to", range[1].toString());
        return Reply.ok(out);
    }

    private Instant[] range(AdminCall call) {
        Instant to = instant(call.query("to").orElse(null), "to", clock.instant());
        Instant from = instant(call.query("from").orElse(null), "from", to.minus(DEFAULT_RANGE));
        if (!from.isBefore(to)) {
            throw JsonFields.bad("from", "from must be before to");
        }
        return new Instant[] {from, to};
    }

    static Instant instant(String text, String name, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw JsonFields.bad(name, name + " must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }
}
