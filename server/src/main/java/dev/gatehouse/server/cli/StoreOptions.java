package dev.gatehouse.server.cli;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.ConfigProblem;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * Where the store and the master keys are: shared by every command that opens the store.
 * The database is, first to last: {@code --database-url}, {@code GATEHOUSE_DATABASE_URL}, the
 * configuration file's {@code store.url} (LiteLLM's {@code general_settings.database_url}),
 * normally a reference to a variable so that the file can be shared without sharing the way
 * into the database; else the embedded database.
 */
final class StoreOptions {

    private static final System.Logger LOG = System.getLogger(StoreOptions.class.getName());

    static final String ENV_DATA_DIR = "GATEHOUSE_DATA_DIR";
    static final String ENV_DATABASE_URL = "GATEHOUSE_DATABASE_URL";
    static final String ENV_DATABASE_USER = "GATEHOUSE_DATABASE_USER";
    static final String ENV_DATABASE_PASSWORD = "GATEHOUSE_DATABASE_PASSWORD";
    static final Path DEFAULT_DATA_DIR = Path.of("gatehouse-data");

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Directory of the embedded database and first-start keys (default: $" + ENV_DATA_DIR
                    + ", else ./gatehouse-data).")
    Path dataDir;

    @Option(names = "--database-url", paramLabel = "URL",
            description = "A jdbc:postgresql: URL (default: $" + ENV_DATABASE_URL + ", else the embedded H2 database"
                    + " in the data directory). User and password from $" + ENV_DATABASE_USER + " and $"
                    + ENV_DATABASE_PASSWORD + ".")
    String databaseUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A configuration file, Gatehouse's format or LiteLLM's. serve serves its models (default: the"
                    + " embedded defaults); every command opens the database its store.url (LiteLLM's"
                    + " general_settings.database_url) names, unless --database-url or $" + ENV_DATABASE_URL
                    + " is given.")
    Path config;

    @Option(names = "--master-key-file", paramLabel = "FILE",
            description = "The master keyring file (default: $" + MasterKeyring.ENV_FILE + "; or the keys themselves in $"
                    + MasterKeyring.ENV_KEYS + ").")
    Path masterKeyFile;

    /** The database once chosen: the configuration file is read once. */
    private StoreSettings resolved;

    /** The environment, replaceable in tests. */
    static Map<String, String> environment = System.getenv();

    Path dataDir() {
        if (dataDir != null) {
            return dataDir;
        }
        String fromEnv = environment.get(ENV_DATA_DIR);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_DATA_DIR : Path.of(fromEnv);
    }

    /** The configuration file given with --config, or null. */
    Path config() {
        return config;
    }

    /**
     * The database to open, in the order of precedence above.
     *
     * @throws IllegalArgumentException when the configuration file's store setting can not be read
     */
    StoreSettings storeSettings() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    private StoreSettings resolve() {
        String url = databaseUrl != null ? databaseUrl : environment.get(ENV_DATABASE_URL);
        if (url == null || url.isBlank()) {
            return config == null ? StoreSettings.embedded(dataDir()) : fromConfig();
        }
        return new StoreSettings(url, Optional.ofNullable(environment.get(ENV_DATABASE_USER)),
                Optional.ofNullable(environment.get(ENV_DATABASE_PASSWORD)).map(Secret::of),
                StoreSettings.DEFAULT_POOL_SIZE);
    }

    private StoreSettings fromConfig() {
        if (!Files.isRegularFile(config)) {
            return StoreSettings.embedded(dataDir()); // the command says the file is missing
        }
        ConfigLoader.StoreFromFile read = ConfigLoader.reading(environment::get).store(config);
        if (!read.problems().isEmpty()) {
            ConfigProblem first = read.problems().getFirst();
            throw new IllegalArgumentException(config + ": the store can not be opened: " + first.location() + ": "
                    + first.message());
        }
        return read.settings().orElseGet(() -> StoreSettings.embedded(dataDir()));
    }

    boolean isEmbedded() {
        return !storeSettings().isPostgres();
    }

    Optional<MasterKeyring> keyring() {
        return MasterKeyring.fromEnvironment(environment, Optional.ofNullable(masterKeyFile));
    }

    /** Opens the store and the vault (when a master key is given). */
    ControlPlane open() {
        return open(keyring());
    }

    /** Opens the store with the given keyring instead of the configured one. */
    ControlPlane open(Optional<MasterKeyring> keyring) {
        StoreSettings settings = storeSettings();
        if (!settings.isPostgres()) {
            prepareDataDir(dataDir());
        }
        return ControlPlane.open(settings, keyring, ControlPlane.DEFAULT_FEED_INTERVAL);
    }

    /**
     * Creates the data directory readable by its owner only: it holds the embedded database and
     * the first start's keys. An existing directory others can enter is used, with a warning.
     */
    static void prepareDataDir(Path dir) {
        try {
            if (!Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                return;
            }
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                LOG.log(System.Logger.Level.WARNING, () -> "the data directory " + dir + " is open to group or others ("
                        + PosixFilePermissions.toString(permissions) + "); it holds the database: chmod 700 " + dir);
            }
        } catch (UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "the data directory " + dir + " is on a file system without"
                    + " POSIX permissions; make sure only Gatehouse's user can read it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("can not create the data directory " + dir, e);
        }
    }
}
