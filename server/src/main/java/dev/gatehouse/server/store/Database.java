package dev.gatehouse.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JDBC store: a HikariCP pool over PostgreSQL or the embedded H2, migrated at open.
 *
 * <p>Every statement goes through {@link #query}, {@link #update} or a {@link Tx} with its values
 * bound as parameters; no method here takes a value to paste into SQL text, which is how
 * LiteLLM's SQL injections happened.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final StoreSettings settings;

    private Database(HikariDataSource pool, StoreSettings settings) {
        this.pool = pool;
        this.settings = settings;
    }

    /** Opens the pool and applies the migrations that have not run yet. */
    public static Database open(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(password -> config.setPassword(password.reveal()));
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(Math.min(2, settings.poolSize()));
        config.setPoolName("gatehouse-store");
        config.setInitializationFailTimeout(10_000);
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("can not open the database at " + settings.describe() + ": " + reason(e), e);
        }
        Database database = new Database(pool, settings);
        try {
            Migrations.apply(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /** The cause a person can act on (the pool wraps the driver's message). */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains("Database may be already in use")) {
            return "the embedded database is in use by another process (a running gateway?); stop it or use the"
                    + " admin API";
        }
        return message.lines().findFirst().orElse(message);
    }

    public StoreSettings settings() {
        return settings;
    }

    public boolean isPostgres() {
        return settings.isPostgres();
    }

    /** Reads rows of a parameterized query. */
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return inTransaction(tx -> tx.query(sql, mapper, params));
    }

    /** The first row of a parameterized query, if any. */
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        return inTransaction(tx -> tx.queryOne(sql, mapper, params));
    }

    /** Runs a parameterized insert, update or delete; returns the rows changed. */
    public int update(String sql, Object... params) {
        return inTransaction(tx -> tx.update(sql, params));
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(new Tx(connection));
                connection.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + reason(e), e);
        }
    }

    /** Whether the database answers, for readiness. */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work done inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** One transaction's statements, all parameterized. */
    public static final class Tx {

        private final Connection connection;

        Tx(Connection connection) {
            this.connection = connection;
        }

        public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(sql, params); ResultSet rows = statement.executeQuery()) {
                List<T> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(mapper.map(rows));
                }
                return result;
            }
        }

        public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
            List<T> rows = query(sql, mapper, params);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
        }

        public int update(String sql, Object... params) throws SQLException {
            try (PreparedStatement statement = prepare(sql, params)) {
                return statement.executeUpdate();
            }
        }

        /** Runs one parameterized statement for each row of parameters, as one JDBC batch. */
        public void batch(String sql, List<Object[]> rows) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (Object[] row : rows) {
                    for (int i = 0; i < row.length; i++) {
                        bind(statement, i + 1, row[i]);
                    }
                    statement.addBatch();
                }
                statement.executeBatch();
            }
        }

        /** Runs SQL with no parameters (migrations only). */
        void execute(String sql) throws SQLException {
            try (var statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }

        private PreparedStatement prepare(String sql, Object... params) throws SQLException {
            PreparedStatement statement = connection.prepareStatement(sql);
            try {
                for (int i = 0; i < params.length; i++) {
                    bind(statement, i + 1, params[i]);
                }
                return statement;
            } catch (SQLException | RuntimeException e) {
                statement.close();
                throw e;
            }
        }

        private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            switch (value) {
                case null -> statement.setNull(index, Types.NULL);
                case String s -> statement.setString(index, s);
                case Long l -> statement.setLong(index, l);
                case Integer i -> statement.setInt(index, i);
                case Boolean b -> statement.setBoolean(index, b);
                case BigDecimal d -> statement.setBigDecimal(index, d);
                default -> throw new IllegalArgumentException("unsupported parameter type " + value.getClass());
            }
        }
    }

    /** A nullable BIGINT column. */
    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
