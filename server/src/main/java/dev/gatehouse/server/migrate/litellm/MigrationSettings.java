package dev.gatehouse.server.migrate.litellm;

import java.time.Duration;

/**
 * How a migration runs.
 *
 * @param keyExpiry     how long an imported {@code sk-…} secret keeps working (never past the key's own expiry)
 * @param spendHistory  whether LiteLLM's spend is also brought over day by day, not only as spend so far
 */
public record MigrationSettings(Duration keyExpiry, boolean spendHistory) {

    public static final Duration DEFAULT_KEY_EXPIRY = Duration.ofDays(30);

    public MigrationSettings {
        if (keyExpiry.isNegative() || keyExpiry.isZero()) {
            throw new IllegalArgumentException("the key expiry must be positive");
        }
    }
}
