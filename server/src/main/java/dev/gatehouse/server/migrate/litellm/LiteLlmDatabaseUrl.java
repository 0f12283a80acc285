package dev.gatehouse.server.migrate.litellm;

import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * LiteLLM's {@code DATABASE_URL}, written for Prisma and libpq
 * ({@code postgresql://user:password@host:port/db?schema=…&sslmode=…}), as a JDBC URL with the user
 * and password apart, so the password is never part of anything printed or logged.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/db} with the parameters the JDBC driver knows
 * @param user     from the URL's user part, if any
 * @param password from the URL's user part, if any
 */
public record LiteLlmDatabaseUrl(String jdbcUrl, Optional<String> user, Optional<Secret> password) {

    /**
     * Parameters passed on to the JDBC driver under the same name; {@code schema} (Prisma's) becomes
     * {@code currentSchema}; Prisma's pool settings ({@code connection_limit}, {@code pool_timeout},
     * {@code pgbouncer}, …) mean nothing to one read-only connection and are dropped.
     */
    private static final Set<String> PASSED_ON = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey",
            "connect_timeout", "application_name", "options");

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
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            // The message would repeat the URL, password and all.
            throw new IllegalArgumentException("LiteLLM's database URL is not a valid URL (postgresql://user:password"
                    + "@host:5432/litellm; characters such as @ or / in the password are percent-encoded)");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw new IllegalArgumentException("LiteLLM's database URL must start with postgresql:// (LiteLLM keeps"
                    + " its data in PostgreSQL only)");
        }
        if (uri.getHost() == null || uri.getRawPath() == null || uri.getRawPath().length() <= 1) {
            throw new IllegalArgumentException("LiteLLM's database URL needs a host and a database name"
                    + " (postgresql://user:password@host:5432/litellm)");
        }
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                password = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                if (name.equals("schema")) {
                    parameters.put("currentSchema", value);
                } else if (PASSED_ON.contains(name)) {
                    parameters.put(name, value);
                }
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getRawAuthority().substring(
                userInfo == null ? 0 : userInfo.length() + 1)).append(uri.getRawPath());
        String separator = "?";
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            jdbc.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = "&";
        }
        return new LiteLlmDatabaseUrl(jdbc.toString(), user, password);
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

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
