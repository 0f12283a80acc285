package dev.gatehouse.server.config;

import dev.gatehouse.server.responses.ResponsesSettings;
import java.util.List;

/** Reads the {@code responses:} section: how long the responses Gatehouse stores are kept. */
final class ResponsesSection {

    static final List<String> KEYS = List.of("retention_days");

    private ResponsesSection() {}

    static ResponsesSettings read(Located at, Findings findings) {
        Fields fields = new Fields(findings);
        if (!fields.isSection(at, KEYS)) {
            return ResponsesSettings.DEFAULTS;
        }
        Long retention = fields.integer(at.get("retention_days"), 0, 36_500);
        return retention != null ? new ResponsesSettings(retention.intValue()) : ResponsesSettings.DEFAULTS;
    }
}
