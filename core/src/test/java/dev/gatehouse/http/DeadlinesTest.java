package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The deadline timers of an upstream body: they fire while the body is read, and once the body is
 * closed nothing of it stays reachable from the timer thread's queue. (A closed body's idle check
 * used to stay queued, holding the body and its response, until its idle timeout.)
 */
class DeadlinesTest {

    @Test
    void aClosedBodyIsNotHeldByItsTotalTimer() throws IOException {
        WeakReference<InputStream> body = closedBody(b -> Deadlines.guard(b, Duration.ofMinutes(10), System.nanoTime()));
        assertCollected(body);
    }

    @Test
    void aClosedBodyIsNotHeldByItsIdleTimer() throws IOException {
        WeakReference<InputStream> body = closedBody(b -> Deadlines.idle(b, Duration.ofMinutes(10)));
        assertCollected(body);
    }

    @Test
    void theTotalTimerStillEndsABodyThatIsBeingRead() throws IOException {
        InputStream body = Deadlines.guard(new Endless(), Duration.ofMillis(50), System.nanoTime());
        byte[] buffer = new byte[16];
        assertThrows(DeadlineExceeded.class, () -> {
            while (true) {
                body.read(buffer, 0, buffer.length);
                Thread.sleep(5);
            }
        });
    }

    /** A body made, read and closed here, so that only the timers could still hold it. */
    private static WeakReference<InputStream> closedBody(Guard guard) throws IOException {
        InputStream inner = new ByteArrayInputStream(new byte[1 << 20]);
        InputStream body = guard.apply(inner);
        body.read(new byte[8], 0, 8);
        body.close();
        return new WeakReference<>(inner);
    }

    private static void assertCollected(WeakReference<?> reference) {
        for (int i = 0; i < 50 && reference.get() != null; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertNull(reference.get(), "the closed body is still reachable");
    }

    @FunctionalInterface
    private interface Guard {
        InputStream apply(InputStream body) throws IOException;
    }

    /** A body that always has another byte. */
    private static final class Endless extends InputStream {
        private volatile boolean closed;

        @Override
        public int read() throws IOException {
            if (closed) {
                throw new IOException("closed");
            }
            return 'x';
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
