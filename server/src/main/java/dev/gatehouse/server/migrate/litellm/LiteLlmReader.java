package dev.gatehouse.server.migrate.litellm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.json.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads LiteLLM's database without changing it: a read-only connection, one read-only
 * repeatable-read transaction (so every table is seen at the same moment and the report is
 * consistent), rolled back at the end. The columns of each table are looked up in
 * {@code information_schema} first and only those present are selected, so databases of older
 * and newer LiteLLM versions read alike. Table and column names come from {@link LiteLlmTable},
 * never from input; Prisma keeps them mixed-case, so every one is quoted.
 */
final class LiteLlmReader {

    private static final String COLUMNS = "SELECT column_name, data_type FROM information_schema.columns"
            + " WHERE table_schema = current_schema() AND table_name = ?";

    private LiteLlmReader() {}

    /** Reads every table of {@link LiteLlmTable} and, when {@code history}, the spend per key and day. */
    static LiteLlmSnapshot read(LiteLlmDatabaseUrl url, boolean history) {
        Properties properties = new Properties();
        url.user().ifPresent(user -> properties.setProperty("user", user));
        url.password().ifPresent(password -> properties.setProperty("password", password.reveal()));
        properties.setProperty("readOnly", "true");
        properties.setProperty("ApplicationName", "gatehouse migrate litellm");
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties)) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return read(connection, history);
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            // The driver's message names host and database at most, never the password.
            throw new IllegalStateException("can not read LiteLLM's database at " + url.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private static LiteLlmSnapshot read(Connection connection, boolean history) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute("SET TRANSACTION READ ONLY");
        }
        Map<LiteLlmTable, List<LiteLlmRow>> rows = new EnumMap<>(LiteLlmTable.class);
        Set<String> absent = new LinkedHashSet<>();
        for (LiteLlmTable table : LiteLlmTable.values()) {
            Map<String, String> types = columns(connection, table.table());
            if (types.isEmpty()) {
                absent.add(table.table());
                continue;
            }
            rows.put(table, rows(connection, table, types));
        }
        List<DailySpend> daily = List.of();
        String source = null;
        if (history) {
            for (String table : List.of("LiteLLM_DailyUserSpend", "LiteLLM_SpendLogs")) {
                Map<String, String> types = columns(connection, table);
                if (types.isEmpty()) {
                    absent.add(table);
                } else if (source == null) {
                    source = table;
                    daily = dailySpend(connection, table, types);
                }
            }
        }
        return new LiteLlmSnapshot(rows, daily, source, absent);
    }

    private static Map<String, String> columns(Connection connection, String table) throws SQLException {
        Map<String, String> types = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setString(1, table);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    types.put(result.getString(1), result.getString(2));
                }
            }
        }
        return types;
    }

    private static List<LiteLlmRow> rows(Connection connection, LiteLlmTable table, Map<String, String> types)
            throws SQLException {
        List<String> present = table.columns().stream().filter(types::containsKey).toList();
        String sql = "SELECT " + String.join(", ", present.stream().map(LiteLlmReader::quoted).toList()) + " FROM "
                + quoted(table.table()) + " ORDER BY " + String.join(", ", table.orderBy().stream()
                .filter(types::containsKey).map(LiteLlmReader::quoted).toList());
        List<LiteLlmRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                Map<String, Object> values = new HashMap<>();
                for (String column : present) {
                    Object value = value(result, column, types.get(column));
                    if (value != null) {
                        values.put(column, value);
                    }
                }
                rows.add(new LiteLlmRow(values));
            }
        }
        return rows;
    }

    private static Object value(ResultSet result, String column, String type) throws SQLException {
        switch (type) {
            case "timestamp without time zone" -> {
                // Prisma's DateTime: TIMESTAMP(3) holding UTC.
                LocalDateTime time = result.getObject(column, LocalDateTime.class);
                return time == null ? null : time.toInstant(ZoneOffset.UTC);
            }
            case "timestamp with time zone" -> {
                OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
                return time == null ? null : time.toInstant();
            }
            case "json", "jsonb" -> {
                String text = result.getString(column);
                return text == null ? null : Json.parseUpstream(text, "litellm");
            }
            case "ARRAY" -> {
                Array array = result.getArray(column);
                if (array == null) {
                    return null;
                }
                List<String> values = new ArrayList<>();
                for (Object item : (Object[]) array.getArray()) {
                    if (item != null) {
                        values.add(item.toString());
                    }
                }
                return values;
            }
            default -> {
                Object value = result.getObject(column);
                return value instanceof JsonNode || value instanceof Number || value instanceof Boolean
                        || value == null ? value : value.toString();
            }
        }
    }

    /**
     * Spend per key, UTC day and model: from LiteLLM's daily table where it has one (it outlives the
     * per-request log's retention), else summed from the per-request log.
     */
    private static List<DailySpend> dailySpend(Connection connection, String table, Map<String, String> types)
            throws SQLException {
        String model = types.containsKey("model_group") ? "COALESCE(NULLIF(model_group, ''), model)" : "model";
        String sql = table.equals("LiteLLM_SpendLogs")
                ? "SELECT api_key, to_char(date_trunc('day', \"startTime\"), 'YYYY-MM-DD') AS day, " + model
                        + " AS m, SUM(spend), SUM(prompt_tokens), SUM(completion_tokens), COUNT(*)"
                        + " FROM \"LiteLLM_SpendLogs\" WHERE api_key <> '' GROUP BY 1, 2, 3 ORDER BY 2, 1, 3"
                : "SELECT api_key, date AS day, " + model + " AS m, SUM(spend), SUM(prompt_tokens),"
                        + " SUM(completion_tokens), SUM(api_requests) FROM " + quoted(table)
                        + " WHERE api_key <> '' GROUP BY 1, 2, 3 ORDER BY 2, 1, 3";
        List<DailySpend> days = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                days.add(new DailySpend(result.getString(1), LocalDate.parse(result.getString(2)),
                        result.getString(3), BigDecimal.valueOf(result.getDouble(4)).setScale(10, RoundingMode.HALF_UP)
                        .stripTrailingZeros(), result.getLong(5), result.getLong(6), result.getLong(7)));
            }
        }
        return days;
    }

    /** A fixed identifier of this class's tables, quoted because Prisma keeps their case. */
    private static String quoted(String name) {
        return "\"" + name + "\"";
    }
}
