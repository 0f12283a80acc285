package dev.gatehouse.server.migrate.litellm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.json.Json;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a migration did, or would do: every object imported and every one skipped, with the
 * reason and notes, as text for a person or JSON for a script. Never holds a key's hash or secret.
 *
 * @param applied what the writer did with each import; empty for a dry run
 */
public record MigrationReport(String from, boolean dryRun, MigrationPlan plan, List<Applied> applied) {

    /** One object: what it is, what happened to it, and why. */
    public record Line(String kind, String name, String source, String action, String gatehouseId, String reason,
            List<String> notes) {}

    public MigrationReport {
        applied = List.copyOf(applied);
    }

    public List<Line> lines() {
        Map<Planned, Applied> done = new IdentityHashMap<>();
        applied.forEach(a -> done.put(a.item(), a));
        return plan.items().stream().map(item -> {
            if (item instanceof Planned.Skipped skipped) {
                return new Line(item.kind(), item.name(), item.source(),
                        skipped.alreadyImported() ? "already_imported" : "skipped", skipped.existingId(),
                        skipped.reason(), item.notes());
            }
            Applied result = done.get(item);
            if (dryRun || result == null) {
                return new Line(item.kind(), item.name(), item.source(), "import", null, null, item.notes());
            }
            return result.problem() == null
                    ? new Line(item.kind(), item.name(), item.source(), "imported", result.gatehouseId(), null,
                            item.notes())
                    : new Line(item.kind(), item.name(), item.source(), "failed", null, result.problem(),
                            item.notes());
        }).toList();
    }

    /** Whether every import planned was written (always true for a dry run). */
    public boolean succeeded() {
        return lines().stream().noneMatch(line -> line.action().equals("failed"));
    }

    /** How many objects of each kind had each outcome, e.g. {@code key → {imported → 3}}. */
    public Map<String, Map<String, Integer>> counts() {
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (Line line : lines()) {
            counts.computeIfAbsent(line.action(), a -> new TreeMap<>()).merge(line.kind(), 1, Integer::sum);
        }
        return counts;
    }

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("LiteLLM database: ").append(from).append(" (read-only, one snapshot)\n");
        if (!plan.absent().isEmpty()) {
            out.append("Not in this LiteLLM version: ").append(String.join(", ", plan.absent().stream().sorted()
                    .toList())).append('\n');
        }
        if (plan.spendSource() != null) {
            out.append("Spend history from ").append(plan.spendSource()).append('\n');
        }
        out.append('\n');
        for (Line line : lines()) {
            out.append(String.format("%-17s %-8s %s", line.action(), line.kind(), line.name()));
            if (!line.source().equals(line.name())) {
                out.append("  [LiteLLM: ").append(line.source()).append(']');
            }
            if (line.gatehouseId() != null) {
                out.append(" -> ").append(line.gatehouseId());
            }
            out.append('\n');
            if (line.reason() != null) {
                out.append("                  ").append(line.reason()).append('\n');
            }
            for (String note : line.notes()) {
                out.append("                  note: ").append(note).append('\n');
            }
        }
        out.append('\n').append(summary()).append('\n');
        return out.toString();
    }

    private String summary() {
        StringBuilder out = new StringBuilder();
        counts().forEach((action, kinds) -> {
            out.append(action.replace('_', ' ')).append(": ");
            out.append(String.join(", ", kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()
                    + (e.getValue() == 1 ? "" : "s")).toList())).append(". ");
        });
        if (plan.imports() == 0) {
            out.append("\nNothing new to import.");
        } else if (dryRun) {
            out.append("\nDry run: nothing was written. Run again with --apply to import.");
        } else if (!succeeded()) {
            out.append("\nSome imports failed (see above); run again to retry them.");
        }
        return out.toString().strip();
    }

    public ObjectNode json() {
        ObjectNode out = Json.object();
        out.put("from", from);
        out.put("dry_run", dryRun);
        ArrayNode absent = out.putArray("absent_tables");
        plan.absent().stream().sorted().forEach(absent::add);
        out.put("spend_source", plan.spendSource());
        ObjectNode summary = out.putObject("summary");
        counts().forEach((action, kinds) -> {
            ObjectNode counted = summary.putObject(action);
            kinds.forEach(counted::put);
        });
        ArrayNode items = out.putArray("items");
        for (Line line : lines()) {
            ObjectNode item = items.addObject();
            item.put("kind", line.kind());
            item.put("name", line.name());
            item.put("source", line.source());
            item.put("action", line.action());
            item.put("gatehouse_id", line.gatehouseId());
            item.put("reason", line.reason());
            ArrayNode notes = item.putArray("notes");
            line.notes().forEach(notes::add);
        }
        return out;
    }
}
