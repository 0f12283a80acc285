package dev.gatehouse.server.logging;

import dev.gatehouse.server.telemetry.LogContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * The JDK logging handler that writes every record as one line (JSON or text) to one stream, the
 * process's standard error when the command line installs it. The request ids are read when the
 * record is published, on the thread that logged it, where the request's ids are bound. Lines are
 * written whole, one at a time, and flushed at once: a log collector reading the stream never
 * sees half a line, and nothing waits in a buffer when the process dies.
 */
final class LineHandler extends Handler {

    private final OutputStream out;
    // A lock, not synchronized: on JDK 21 a virtual thread blocked in a write inside synchronized would
    // hold its carrier thread.
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Settings settings;

    private record Settings(LineFormat format, LevelPolicy policy, boolean stackTraces) {}

    LineHandler(OutputStream out, LoggingSettings settings) {
        this.out = out;
        use(settings);
    }

    /** Writes from now on as {@code settings} say. */
    void use(LoggingSettings settings) {
        this.settings = new Settings(LineFormat.of(settings.format()), new LevelPolicy(settings.level()),
                settings.level().stackTraces());
    }

    @Override
    public void publish(LogRecord record) {
        Settings now = settings;
        if (record == null || !now.policy().isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = (now.format().line(LogEntry.of(record, LogContext.current(), now.stackTraces())) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("a log record could not be formatted", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        lock.lock();
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            reportError("a log line could not be written", e, ErrorManager.WRITE_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() {
        lock.lock();
        try {
            out.flush();
        } catch (IOException e) {
            reportError("the log could not be flushed", e, ErrorManager.FLUSH_FAILURE);
        } finally {
            lock.unlock();
        }
    }

    /** Flushes; the stream is the process's, and stays open for whatever is written after. */
    @Override
    public void close() {
        flush();
    }
}
