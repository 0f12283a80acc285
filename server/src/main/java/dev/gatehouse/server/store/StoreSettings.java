package dev.gatehouse.server.store;

import dev.gatehouse.secret.Secret;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Gatehouse keeps its keys, teams, stored credentials and audit log.
 *
 * @param jdbcUrl  a {@code jdbc:postgresql:} URL, or a {@code jdbc:h2:file:} URL for the embedded store
 * @param user     the database user, if the URL does not carry it
 * @param password the database password, if any; never part of the URL Gatehouse logs
 * @param poolSize the most connections the pool opens
 */
public record StoreSettings(String jdbcUrl, Optional<String> user, Optional<Secret> password, int poolSize) {

    public static final int DEFAULT_POOL_SIZE = 10;

    public StoreSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!jdbcUrl.startsWith("jdbc:postgresql:") && !jdbcUrl.startsWith("jdbc:h2:")) {
            throw new IllegalArgumentException("the database URL must start with jdbc:postgresql: or jdbc:h2:");
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
    }

    /**
     * The embedded store: an H2 database in file mode inside {@code dataDir}, in PostgreSQL
     * compatibility mode so both databases run the same SQL. {@code DB_CLOSE_ON_EXIT=FALSE}: H2's
     * own shutdown hook would otherwise close the database while Gatehouse's hook is still writing
     * the last spend rows; Gatehouse closes the store itself, last.
     */
    public static StoreSettings embedded(Path dataDir) {
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("gatehouse")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE";
        return new StoreSettings(url, Optional.empty(), Optional.empty(), DEFAULT_POOL_SIZE);
    }

    public boolean isPostgres() {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /** The URL without its query part, where a password could be written: safe to print. */
    public String describe() {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        int options = base.indexOf(';');
        return options < 0 ? base : base.substring(0, options);
    }
}
