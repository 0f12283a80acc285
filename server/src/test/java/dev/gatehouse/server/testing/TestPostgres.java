package dev.gatehouse.server.testing;

import dev.gatehouse.server.store.StoreSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server for the tests: the one named by {@code GATEHOUSE_TEST_POSTGRES_URL}
 * (a {@code jdbc:postgresql://host:port/} URL of a server where user {@code postgres} may create
 * databases without a password), or else a throw-away cluster this class creates with the
 * machine's {@code initdb} and starts on a free loopback port, once per test run.
 *
 * <p>There is no skip: a test that needs PostgreSQL and finds none fails, saying how to install
 * it. {@code .ci/run} installs the Debian package.
 */
public final class TestPostgres {

    public static final String ENV_URL = "GATEHOUSE_TEST_POSTGRES_URL";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static String serverUrl;

    private TestPostgres() {}

    /** A new, empty database on the test server. */
    public static synchronized StoreSettings freshDatabase() {
        String base = server();
        String name = "gatehouse_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(base + "postgres", "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name); // a generated name, not input
        } catch (SQLException e) {
            throw new IllegalStateException("can not create a test database on " + base + ": " + e.getMessage(), e);
        }
        return new StoreSettings(base + name, Optional.of("postgres"), Optional.empty(), 4);
    }

    /** The whole database as {@code pg_dump} writes it: what a stolen backup would hold. */
    public static String dump(StoreSettings settings) throws IOException {
        Path bin = findBin().orElseThrow(() -> new IllegalStateException("pg_dump was not found"));
        String url = settings.jdbcUrl().substring("jdbc:".length());
        Process process = new ProcessBuilder(bin.resolve("pg_dump").toString(), "--dbname=" + url + "?user=postgres")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dump = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || !dump.contains("stored_secrets")) {
                throw new IOException("pg_dump failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return dump;
    }

    private static String server() {
        if (serverUrl != null) {
            return serverUrl;
        }
        String given = System.getenv(ENV_URL);
        if (given != null && !given.isBlank()) {
            serverUrl = given.endsWith("/") ? given : given + "/";
            return serverUrl;
        }
        serverUrl = startCluster();
        return serverUrl;
    }

    private static String startCluster() {
        Path bin = findBin().orElseThrow(() -> new IllegalStateException("PostgreSQL is needed by this test and"
                + " was not found: install it (Debian: apt-get install postgresql) or set " + ENV_URL));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("gatehouse-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (root) {
                // PostgreSQL refuses to run as root: the cluster belongs to the postgres user.
                run(List.of("chown", "postgres", dir.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-locale"), root);
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                    + " -c fsync=off -c full_page_writes=off";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l",
                    dir.resolve("log").toString(), "-o", options, "-w", "start"), root);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                            "immediate", "stop"), root);
                    run(List.of("rm", "-rf", dir.toString()), false);
                } catch (IOException e) {
                    // the temporary cluster is left behind; nothing else to do at exit
                }
            }));
            return "jdbc:postgresql://127.0.0.1:" + port + "/";
        } catch (IOException e) {
            throw new IllegalStateException("can not start a test PostgreSQL cluster: " + e.getMessage(), e);
        }
    }

    private static Optional<Path> findBin() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (var list = Files.list(versions)) {
            return list.map(version -> version.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Path::compareTo);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", String.join(" ", command.stream()
                    .map(TestPostgres::quote).toList())));
        } else {
            full.addAll(command);
        }
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }
}
