package dev.gatehouse.server.testing;

import dev.gatehouse.server.redis.RedisSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} for the tests, started on a free loopback port with nothing
 * saved to disk, and stopped when the test is done ({@link #close}). Each test gets its own
 * server, so no state leaks between tests and one can be stopped to test what happens when
 * Redis goes away.
 *
 * <p>The {@code redis-server} is the embedded one that comes with the tests, or the machine's
 * own ({@link TestBinaries} says which). There is no skip: a test that needs Redis and finds
 * no {@code redis-server} fails, saying why.
 */
public final class TestRedis implements AutoCloseable {

    private volatile Process process;
    private volatile Path log;
    private volatile Path dir;
    private final int port;

    private TestRedis(int port) {
        this.port = port;
    }

    /** Starts a new server and waits until it takes connections. */
    public static TestRedis start() {
        try {
            int port = freePort();
            TestRedis redis = new TestRedis(port);
            redis.launch();
            redis.awaitReady();
            return redis;
        } catch (IOException e) {
            throw new IllegalStateException("can not start redis-server: " + e.getMessage(), e);
        }
    }

    /** Starts an empty server again on the same port, after {@link #kill}: Redis coming back after a crash. */
    public void restart() {
        try {
            launch();
            awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException("can not restart redis-server: " + e.getMessage(), e);
        }
    }

    private void launch() throws IOException {
        removeDir();
        dir = Files.createTempDirectory("gatehouse-redis");
        log = dir.resolve("redis.log");
        process = new ProcessBuilder(TestBinaries.redisServer().toString(), "--bind", "127.0.0.1", "--port",
                String.valueOf(port), "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--protected-mode", "yes").redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Settings that reach this server, failing as {@code onFailure} says. */
    public RedisSettings settings(RedisSettings.OnFailure onFailure) {
        return new RedisSettings(URI.create("redis://127.0.0.1:" + port), null, null, Duration.ofMillis(500),
                onFailure);
    }

    public int port() {
        return port;
    }

    /** Stops the server at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
        removeDir();
    }

    /** Removes the server's folder (its log; nothing is saved there), so that runs leave nothing in /tmp. */
    private void removeDir() {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // left behind in the temporary folder; nothing else depends on it
        }
        dir = null;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start with status " + process.exitValue()
                        + ": " + logText());
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write("PING\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                byte[] answer = new byte[7];
                if (socket.getInputStream().readNBytes(answer, 0, 7) == 7 && new String(answer,
                        java.nio.charset.StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("redis-server did not answer within 20 s");
    }

    /** What the server wrote, so a failure to start (a missing library, say) says why. */
    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(its log " + log + " can not be read: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
