package dev.gatehouse.server.store;

import dev.gatehouse.secret.Secret;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code postgresql://user:password@host:port/database?…} URL, the form libpq, Prisma and so
 * LiteLLM take, turned into what the JDBC driver takes: a {@code jdbc:postgresql:} URL without
 * the credentials, and the user and password apart (URL-decoded). Prisma's own parameters
 * (https://www.prisma.io/docs/orm/overview/databases/postgresql#arguments) are mapped where the
 * JDBC driver or the pool has the same setting ({@code schema} is {@code currentSchema},
 * {@code connection_limit} the pool size, {@code pgbouncer=true} no server-side prepared
 * statements) and listed in {@link #ignored()} where neither has one. Messages never hold the
 * URL's password, nor any parameter's value.
 *
 * @param jdbcUrl  the {@code jdbc:postgresql://} URL, with no user or password in it
 * @param user     the user, when the URL names one
 * @param password the password, when the URL holds one
 * @param poolSize Prisma's {@code connection_limit}, when given
 * @param ignored  the names of the parameters that have no JDBC or pool setting here
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<Secret> password, OptionalInt poolSize,
        List<String> ignored) {

    /** Prisma's parameters that name a JDBC driver parameter of the same meaning (seconds stay seconds). */
    private static final Map<String, String> RENAMED = Map.of(
            "schema", "currentSchema",
            "connect_timeout", "connectTimeout",
            "socket_timeout", "socketTimeout",
            "application_name", "ApplicationName",
            "channel_binding", "channelBinding",
            // Prisma's sslcert is the server's certificate to trust: the driver's root certificate.
            "sslcert", "sslrootcert");
    /** libpq's parameters the JDBC driver takes under the same name. */
    private static final List<String> KEPT = List.of("sslmode", "sslrootcert", "options", "currentSchema");
    /** Prisma's parameters with no setting in the driver or the pool: left out, named. */
    private static final List<String> PRISMA_ONLY = List.of("pool_timeout", "statement_cache_size", "sslidentity",
            "sslpassword", "sslaccept");

    public PostgresUrl {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(poolSize, "poolSize");
        ignored = List.copyOf(ignored);
    }

    /** Whether {@code url} is in this form ({@code postgresql://} or {@code postgres://}). */
    public static boolean isPostgresUrl(String url) {
        return url.startsWith("postgresql://") || url.startsWith("postgres://");
    }

    /**
     * Reads {@code url}.
     *
     * @throws IllegalArgumentException when it is not such a URL, or a parameter can not be taken;
     *                                  the message never repeats the URL
     */
    public static PostgresUrl parse(String url) {
        if (!isPostgresUrl(url)) {
            throw new IllegalArgumentException("is not a postgresql://user:password@host:port/database URL");
        }
        String rest = url.substring(url.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : decode(beforeQuery.substring(slash + 1));
        int at = authority.lastIndexOf('@');
        String hosts = at < 0 ? authority : authority.substring(at + 1);
        Optional<String> user = Optional.empty();
        Optional<Secret> password = Optional.empty();
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            String name = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            user = name.isEmpty() ? Optional.empty() : Optional.of(name);
            if (colon >= 0 && colon < userInfo.length() - 1) {
                password = Optional.of(Secret.of(decode(userInfo.substring(colon + 1))));
            }
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("names no host (a Unix socket is not supported)");
        }
        if (database.isEmpty() || database.contains("/")) {
            throw new IllegalArgumentException("names no database: add /DATABASE after the host");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        OptionalInt poolSize = OptionalInt.empty();
        List<String> ignored = new ArrayList<>();
        for (String pair : query < 0 ? new String[0] : rest.substring(query + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            switch (name) {
                case "connection_limit" -> poolSize = OptionalInt.of(poolSize(value));
                case "pgbouncer" -> {
                    // PgBouncer in transaction mode can not keep server-side prepared statements.
                    if (value.equals("true")) {
                        parameters.put("prepareThreshold", "0");
                    }
                }
                case "host" -> throw new IllegalArgumentException("names a Unix socket (host=), which is not"
                        + " supported: give the server's host name");
                default -> {
                    if (RENAMED.containsKey(name)) {
                        parameters.put(RENAMED.get(name), value);
                    } else if (KEPT.contains(name)) {
                        parameters.put(name, value);
                    } else if (PRISMA_ONLY.contains(name)) {
                        ignored.add(name);
                    } else {
                        throw new IllegalArgumentException("has parameter '" + safeName(name) + "', which Gatehouse"
                                + " does not know");
                    }
                }
            }
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hosts).append('/')
                .append(URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
        char separator = '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            jdbc.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        return new PostgresUrl(jdbc.toString(), user, password, poolSize, ignored);
    }

    /** The store's settings: this URL, with {@code connection_limit} as the pool size when given. */
    public StoreSettings storeSettings() {
        return new StoreSettings(jdbcUrl, user, password, poolSize.orElse(StoreSettings.DEFAULT_POOL_SIZE));
    }

    private static int poolSize(String value) {
        try {
            int size = Integer.parseInt(value);
            if (size >= 1 && size <= 1000) {
                return size;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("has connection_limit not a number from 1 to 1000");
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("holds a malformed %-escape");
        }
    }

    /** A parameter name fit to print: a mistyped URL could put anything there. */
    private static String safeName(String name) {
        return name.matches("[A-Za-z0-9_.-]{1,40}") ? name : "(unreadable)";
    }
}
