package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.store.PostgresUrl;
import java.util.Optional;

/**
 * LiteLLM's {@code DATABASE_URL}, written for Prisma and libpq
 * ({@code postgresql://user:password@host:port/db?schema=…&sslmode=…}), as a JDBC URL with the user
 * and password apart, so the password is never part of anything printed or logged. The URL is read
 * as the store's own {@code postgresql://} URLs are ({@link PostgresUrl}, docs/configuration.md).
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/db} with the parameters the JDBC driver knows
 * @param user     from the URL's user part, if any
 * @param password from the URL's user part, if any
 */
public record LiteLlmDatabaseUrl(String jdbcUrl, Optional<String> user, Optional<Secret> password) {

    /** Parses {@code postgresql://…} or {@code postgres://…}; a {@code jdbc:postgresql:} URL is taken as is. */
    public static LiteLlmDatabaseUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("LiteLLM's database URL is missing: give --database-url or set"
                    + " DATABASE_URL (postgresql://user:password@host:5432/litellm)");
        }
        String given = text.strip();
        if (given.startsWith("jdbc:postgresql:")) {
            return new LiteLlmDatabaseUrl(given, Optional.empty(), Optional.empty());
        }
        if (!PostgresUrl.isPostgresUrl(given)) {
            throw new IllegalArgumentException("LiteLLM's database URL must start with postgresql:// (LiteLLM keeps"
                    + " its data in PostgreSQL only)");
        }
        try {
            PostgresUrl url = PostgresUrl.parse(given);
            return new LiteLlmDatabaseUrl(url.jdbcUrl(), url.user(), url.password());
        } catch (IllegalArgumentException e) {
            // PostgresUrl's messages never repeat the URL.
            throw new IllegalArgumentException("LiteLLM's database URL " + e.getMessage(), e);
        }
    }

    /** Host, port and database: safe to print. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    @Override
    public String toString() {
        return describe();
    }
}
