package dev.gatehouse.server.metrics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code gatehouse_team_budget_remaining_usd}: what is left of each team's {@code max_budget} in
 * its current period, as the limiter last saw it when it admitted or refused a request of the team
 * (spent, and held by requests in flight). Read from the limiter's memory, so a scrape never
 * queries the database; a team that sent no request since the start is not shown. Past
 * {@code max_label_values} teams, further ones are left out: a sum of budgets under {@code other}
 * would mean nothing.
 */
final class TeamBudgets {

    private final LabelValues teams;
    private volatile Supplier<Map<String, BigDecimal>> source = Map::of;

    TeamBudgets(int maxLabelValues) {
        this.teams = new LabelValues(maxLabelValues);
    }

    void readFrom(Supplier<Map<String, BigDecimal>> remaining) {
        this.source = remaining;
    }

    void scrape(StringBuilder out) {
        PrometheusText.header(out, "gatehouse_team_budget_remaining_usd", "gauge", "What is left of each team's"
                + " max_budget this period (spent and held subtracted), as this instance last saw it.");
        source.get().forEach((team, left) -> {
            String label = teams.of(team);
            if (!label.equals(LabelValues.OTHER)) {
                out.append("gatehouse_team_budget_remaining_usd{team=\"").append(label).append("\"} ");
                PrometheusText.value(out, left.doubleValue());
                out.append('\n');
            }
        });
    }
}
