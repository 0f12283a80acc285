package dev.gatehouse.server.logging;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Which records reach the log at a configured level. Gatehouse's own ({@code dev.gatehouse…})
 * from that level up. The access log's (at info) whatever the level: {@code access_log} is its
 * switch. Other libraries' (Helidon, the JDK's HTTP client, HikariCP, Jedis) from that level up
 * too, but never below {@code info}, even at {@code debug}: their debug output holds request
 * lines and headers, where credentials travel. The connection pool's start and stop lines say
 * nothing an operator acts on, so it writes from {@code warn} up.
 */
record LevelPolicy(LogLevel level) implements Filter {

    private static final String OURS = "dev.gatehouse";
    private static final String POOL = "com.zaxxer.hikari";

    @Override
    public boolean isLoggable(LogRecord record) {
        String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
        int severity = record.getLevel().intValue();
        if (logger.equals(AccessLog.LOGGER)) {
            return severity >= Level.INFO.intValue();
        }
        int least = level.jul().intValue();
        if (isUnder(logger, OURS)) {
            return severity >= least;
        }
        int floor = isUnder(logger, POOL) ? Level.WARNING.intValue() : Level.INFO.intValue();
        return severity >= Math.max(floor, least);
    }

    private static boolean isUnder(String logger, String parent) {
        return logger.startsWith(parent)
                && (logger.length() == parent.length() || logger.charAt(parent.length()) == '.');
    }
}
