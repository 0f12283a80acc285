package dev.gatehouse.server.responses;

/**
 * How long stored responses are kept ({@code responses:} in the configuration).
 *
 * @param retentionDays responses older than this many days are deleted, and no longer read; 0 keeps them for
 *                      ever. OpenAI keeps stored responses for 30 days, the default here too.
 */
public record ResponsesSettings(int retentionDays) {

    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final ResponsesSettings DEFAULTS = new ResponsesSettings(DEFAULT_RETENTION_DAYS);

    public ResponsesSettings {
        if (retentionDays < 0) {
            throw new IllegalArgumentException("retentionDays must not be negative");
        }
    }
}
