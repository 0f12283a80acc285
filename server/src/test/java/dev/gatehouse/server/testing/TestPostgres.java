package dev.gatehouse.server.testing;

import dev.gatehouse.server.store.StoreSettings;
import java.io.IOException;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * A real PostgreSQL server for the tests: the one named by {@code GATEHOUSE_TEST_POSTGRES_URL}
 * (a {@code jdbc:postgresql://host:port/} URL of a server where user {@code postgres} may create
 * databases without a password), or else a throw-away cluster this class creates with
 * {@code initdb} and starts on a free loopback port, once per test run. Its binaries are the
 * embedded ones that come with the tests, or the machine's own ({@link TestBinaries} says which).
 * As root the cluster runs as the {@code nobody} user ({@link Unprivileged}), since PostgreSQL
 * refuses root.
 *
 * <p>There is no skip: a test that needs PostgreSQL and finds none fails, saying why.
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

    /**
     * Every table's rows as {@code pg_dump} writes them ({@code COPY … FROM stdin;} and the rows in
     * COPY's text format): what a stolen backup would hold. Read through JDBC rather than with
     * {@code pg_dump}, which the embedded binaries lack and which refuses a server newer than itself.
     */
    public static String dump(StoreSettings settings) throws IOException {
        StringWriter dump = new StringWriter();
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), "postgres", "");
                var statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT quote_ident(schemaname) || '.' || "
                        + "quote_ident(tablename) FROM pg_tables"
                        + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            while (tables.next()) {
                String table = tables.getString(1);
                dump.write("COPY " + table + " FROM stdin;\n");
                copy.copyOut("COPY " + table + " TO STDOUT", dump); // a name from the catalog, quoted by it
                dump.write("\\.\n\n");
            }
        } catch (SQLException e) {
            throw new IOException("can not dump " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        }
        if (!dump.toString().contains("stored_secrets")) {
            throw new IOException("the dump of " + settings.jdbcUrl() + " has no stored_secrets table");
        }
        return dump.toString();
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
        Path bin = TestBinaries.postgresBin();
        Optional<Unprivileged> user = Unprivileged.root() ? Optional.of(Unprivileged.nobody()) : Optional.empty();
        try {
            Path dir = Files.createTempDirectory("gatehouse-pg");
            if (user.isPresent() && EmbeddedBinaries.holds(bin) && !othersMayEnter(bin)) {
                // The checkout lies where nobody can not reach (root's home is private on Debian):
                // the embedded install runs from a copy beside the cluster.
                copyTree(bin.getParent(), dir.resolve("postgres"));
                bin = dir.resolve("postgres").resolve("bin");
            }
            if (user.isPresent()) {
                user.get().own(dir);
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path data = dir.resolve("data");
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                    "-A", "trust", "-E", "UTF8", "--no-locale"), user);
            String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir
                    + " -c fsync=off -c full_page_writes=off";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                    dir.resolve("log").toString(), "-o", options, "-w", "start"), user);
            Path pgCtl = bin.resolve("pg_ctl");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of(pgCtl.toString(), "-D", data.toString(), "-m", "immediate", "stop"), user);
                    // A database per test makes thousands of files: they go away after the test JVM
                    // has ended, which Surefire allows only 30 seconds.
                    new ProcessBuilder("rm", "-rf", dir.toString()).start();
                } catch (IOException e) {
                    // the temporary cluster is left behind; nothing else to do at exit
                }
            }));
            return "jdbc:postgresql://127.0.0.1:" + port + "/";
        } catch (IOException e) {
            throw new IllegalStateException("can not start a test PostgreSQL cluster with " + bin + ": "
                    + e.getMessage(), e);
        }
    }

    /** Whether users other than the owner may pass through every directory down to {@code dir}. */
    private static boolean othersMayEnter(Path dir) throws IOException {
        for (Path step = dir.toAbsolutePath(); step != null; step = step.getParent()) {
            if (!Files.getPosixFilePermissions(step).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    /** Copies a directory tree, links as links, files with their permissions. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : walk.toList()) {
                Files.copy(source, to.resolve(from.relativize(source).toString()), LinkOption.NOFOLLOW_LINKS,
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void run(List<String> command, Optional<Unprivileged> user) throws IOException {
        List<String> full = user.map(u -> u.wrap(command)).orElse(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", full) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
