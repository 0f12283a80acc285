package dev.gatehouse.server.config;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.store.PostgresUrl;
import dev.gatehouse.server.store.StoreSettings;
import java.util.List;
import java.util.Optional;

/**
 * The database a file names for the store: Gatehouse's {@code store: {url: …}} or LiteLLM's
 * {@code general_settings.database_url} (with {@code database_connection_pool_limit}). The URL
 * is normally a reference ({@code env:NAME}, {@code file:/path}; LiteLLM's {@code os.environ/NAME})
 * to a variable holding {@code postgresql://user:password@host:port/database} (LiteLLM's form, see
 * {@link PostgresUrl}) or a {@code jdbc:postgresql:} URL. A URL written in the file is taken when it
 * holds no password; one holding a password is a credential written into the file, refused as
 * every such credential is. The command line's {@code --database-url} and
 * {@code GATEHOUSE_DATABASE_URL} come first (docs/configuration.md, "Store").
 */
final class StoreSection {

    static final List<String> KEYS = List.of("url", "pool_size");
    /** general_settings' keys read here. */
    static final java.util.Set<String> LITELLM_KEYS = java.util.Set.of("database_url", "database_connection_pool_limit");
    /** The variables a jdbc: URL's user and password come from, as for --database-url. */
    static final String ENV_USER = "GATEHOUSE_DATABASE_USER";
    static final String ENV_PASSWORD = "GATEHOUSE_DATABASE_PASSWORD";

    private StoreSection() {}

    /** The store the file names; empty when it names none or when it can not be read (problems recorded). */
    static Optional<StoreSettings> read(Located root, boolean liteLlm, Findings findings, Credentials credentials) {
        Fields fields = new Fields(findings);
        Located url;
        Located pool;
        if (liteLlm) {
            Located general = root.get("general_settings");
            url = LiteLlmValues.reference(general.get("database_url"));
            pool = general.get("database_connection_pool_limit");
            if (url.isMissing() && !pool.isMissing()) {
                findings.warn(pool, "ignored without database_url");
            }
        } else {
            Located section = root.get("store");
            if (!fields.isSection(section, KEYS)) {
                return Optional.empty();
            }
            url = section.get("url");
            pool = section.get("pool_size");
            if (url.isMissing()) {
                findings.problem(url, "required: the database, such as env:DATABASE_URL");
                return Optional.empty();
            }
        }
        if (url.isMissing()) {
            return Optional.empty();
        }
        Long poolSize = pool.isMissing() ? null : fields.integer(pool, 1, 1000);
        String text = fields.text(url);
        if (text == null || (!pool.isMissing() && poolSize == null)) {
            return Optional.empty();
        }
        String value = value(url, text, credentials, findings);
        if (value == null) {
            return Optional.empty();
        }
        StoreSettings settings = settings(url, value, credentials, findings);
        if (settings == null || poolSize == null) {
            return Optional.ofNullable(settings);
        }
        return Optional.of(new StoreSettings(settings.jdbcUrl(), settings.user(), settings.password(),
                poolSize.intValue()));
    }

    /** The URL itself: a reference resolved, a literal checked for a password. Null when refused (recorded). */
    private static String value(Located url, String text, Credentials credentials, Findings findings) {
        if (text.startsWith("secret:")) {
            findings.problem(url, "can not be a stored credential: those are kept in the store this names");
            return null;
        }
        if (text.startsWith("env:") || text.startsWith("file:")) {
            Secret secret = credentials.resolve(url);
            return secret == null ? null : secret.reveal();
        }
        if (holdsPassword(text)) {
            // Never echoed: the message would print the password. Refused unless the file allows
            // plaintext credentials, as every credential written in the file is.
            Secret secret = credentials.resolve(url);
            return secret == null ? null : secret.reveal();
        }
        return text;
    }

    private static boolean holdsPassword(String url) {
        if (PostgresUrl.isPostgresUrl(url)) {
            try {
                return PostgresUrl.parse(url).password().isPresent();
            } catch (IllegalArgumentException e) {
                return true; // unreadable: treat it as secret, so that the text is never shown
            }
        }
        return url.toLowerCase(java.util.Locale.ROOT).contains("password=");
    }

    private static StoreSettings settings(Located url, String value, Credentials credentials, Findings findings) {
        if (value.startsWith("jdbc:postgresql:")) {
            Optional<String> user = Optional.ofNullable(credentials.variable(ENV_USER)).filter(s -> !s.isBlank());
            Optional<Secret> password = Optional.ofNullable(credentials.variable(ENV_PASSWORD))
                    .filter(s -> !s.isBlank()).map(Secret::of);
            return new StoreSettings(value, user, password, StoreSettings.DEFAULT_POOL_SIZE);
        }
        if (!PostgresUrl.isPostgresUrl(value)) {
            findings.problem(url, "must name a PostgreSQL database: a postgresql://user:password@host:port/database"
                    + " URL (LiteLLM's form) or a jdbc:postgresql: URL");
            return null;
        }
        PostgresUrl parsed;
        try {
            parsed = PostgresUrl.parse(value);
        } catch (IllegalArgumentException e) {
            findings.problem(url, "the database URL " + e.getMessage());
            return null;
        }
        if (!parsed.ignored().isEmpty()) {
            findings.warn(url, "the database URL's " + String.join(", ", parsed.ignored()) + " ignored: Prisma's"
                    + " settings with no equal in Gatehouse's connection pool");
        }
        return parsed.storeSettings();
    }
}
