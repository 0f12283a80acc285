package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.admin.AdminRoute.Reply;
import dev.gatehouse.server.spend.SpendSeries;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /admin/spend/timeseries?from&to&bucket=minute|hour|day}: requests, errors, tokens and
 * cost per bucket over a range, every bucket present (the console's charts). Without {@code to},
 * up to now; without {@code from}, the hour, day or 30 days before {@code to} for minute, hour and
 * day buckets; {@code bucket} is {@code hour} unless given. At most {@link SpendSeries#MAX_BUCKETS}
 * buckets, else a 400 naming {@code bucket}.
 */
final class SpendSeriesRoute {

    /** Spend rows are never older than the epoch, and a time past year 9999 is no one's range. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final SpendSeries series;
    private final Clock clock;

    SpendSeriesRoute(SpendSeries series, Clock clock) {
        this.series = series;
        this.clock = clock;
    }

    List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/admin/spend/timeseries", Permission.READ_SPEND, this::timeSeries));
    }

    private Reply timeSeries(AdminCall call) {
        String bucketName = call.query("bucket").orElse("hour");
        SpendSeries.Width width = SpendSeries.Width.named(bucketName);
        if (width == null) {
            throw JsonFields.bad("bucket", "bucket must be minute, hour or day");
        }
        Instant to = within(SpendRoutes.instant(call.query("to").orElse(null), "to", clock.instant()), "to");
        Instant from = within(SpendRoutes.instant(call.query("from").orElse(null), "from",
                to.minus(defaultSpan(width))), "from");
        if (!from.isBefore(to)) {
            throw JsonFields.bad("from", "from must be before to");
        }
        long count = SpendSeries.bucketCount(from, to, width);
        if (count > SpendSeries.MAX_BUCKETS) {
            throw JsonFields.bad("bucket", "from .. to spans " + count + " buckets of a " + width.wireName()
                    + "; at most " + SpendSeries.MAX_BUCKETS + ": choose a wider bucket or a shorter range");
        }
        SpendSeries.Series result = series.over(from, to, width);
        ObjectNode out = AdminJson.list(result.buckets().stream().map(SpendSeriesRoute::write).toList());
        out.put("bucket", width.wireName()).put("from", result.from().toString()).put("to", result.to().toString());
        return Reply.ok(out);
    }

    private static Duration defaultSpan(SpendSeries.Width width) {
        return switch (width) {
            case MINUTE -> Duration.ofHours(1);
            case HOUR -> Duration.ofDays(1);
            case DAY -> Duration.ofDays(30);
        };
    }

    private static Instant within(Instant at, String name) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw JsonFields.bad(name, name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return at;
    }

    private static ObjectNode write(SpendSeries.Bucket bucket) {
        return Json.object().put("start", bucket.start().toString()).put("requests", bucket.requests())
                .put("errors", bucket.errors()).put("prompt_tokens", bucket.promptTokens())
                .put("completion_tokens", bucket.completionTokens())
                .put("cost_usd", bucket.costUsd().toPlainString())
                .put("unpriced_requests", bucket.unpricedRequests());
    }
}
