package dev.gatehouse.server.cli;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.migrate.litellm.LiteLlmDatabaseUrl;
import dev.gatehouse.server.migrate.litellm.LiteLlmMigration;
import dev.gatehouse.server.migrate.litellm.MigrationReport;
import dev.gatehouse.server.migrate.litellm.MigrationSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse migrate}: bring another gateway's teams, keys and spend into Gatehouse's store.
 * {@code migrate litellm} takes LiteLLM's database as LiteLLM's own {@code DATABASE_URL} spells it,
 * under the name the issue and LiteLLM users expect, {@code --database-url}; Gatehouse's store,
 * named {@code --database-url} by the other commands, is {@code --gatehouse-database-url} here.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Bring another gateway's teams, keys and spend into Gatehouse.")
final class MigrateCommand implements Callable<Integer> {

    static final String ENV_LITELLM_DATABASE_URL = "DATABASE_URL";
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)([dhm])");

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'gatehouse migrate litellm'");
    }

    @Command(name = "litellm", mixinStandardHelpOptions = true, description = {
            "Import a LiteLLM proxy's teams, virtual keys (their sk-... secrets keep working for --key-expiry)",
            "and spend from its PostgreSQL database, read-only. A dry run unless --apply; running it again",
            "imports only what is new. See docs/migrating-from-litellm.md."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:planned, or imported, without a failure", "1:a database could not be read, or an"
                    + " import failed (the report says which)"})
    int litellm(@Option(names = "--database-url", paramLabel = "URL",
                    description = "LiteLLM's database, as its DATABASE_URL: postgresql://user:password@host:5432/db"
                            + " (default: $" + ENV_LITELLM_DATABASE_URL + ").") String liteLlmUrl,
            @Option(names = "--gatehouse-database-url", paramLabel = "URL",
                    description = "Gatehouse's store, a jdbc:postgresql: URL (default: $"
                            + StoreOptions.ENV_DATABASE_URL + ", else the embedded database in the data directory)."
                            + " User and password from $" + StoreOptions.ENV_DATABASE_USER + " and $"
                            + StoreOptions.ENV_DATABASE_PASSWORD + ".") String gatehouseUrl,
            @Option(names = "--config", paramLabel = "FILE",
                    description = "A configuration file whose store (store.url, LiteLLM's"
                            + " general_settings.database_url) is Gatehouse's, as for the other commands, unless"
                            + " --gatehouse-database-url or $" + StoreOptions.ENV_DATABASE_URL + " is given.")
            Path config,
            @Option(names = "--data-dir", paramLabel = "DIR",
                    description = "Directory of the embedded database (default: $" + StoreOptions.ENV_DATA_DIR
                            + ", else ./gatehouse-data).") Path dataDir,
            @Option(names = "--apply", description = "Write the import (without it, only report what it would"
                    + " do).") boolean apply,
            @Option(names = "--key-expiry", paramLabel = "DURATION", defaultValue = "30d",
                    description = "How long imported sk-... secrets keep working, at most until the key's own"
                            + " expiry: 30d, 12h, 90m or ISO-8601 such as P14D (default: ${DEFAULT-VALUE}).")
            String keyExpiry,
            @Option(names = "--spend-history", description = "Also import LiteLLM's spend day by day, per key and"
                    + " model (default: only each key's spend so far).") boolean spendHistory,
            @Option(names = "--json", description = "Print the report as JSON.") boolean json) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MigrationSettings settings = new MigrationSettings(duration(keyExpiry), spendHistory);
        StoreOptions store = new StoreOptions();
        store.dataDir = dataDir;
        store.databaseUrl = gatehouseUrl;
        store.config = config;
        try {
            LiteLlmDatabaseUrl from = LiteLlmDatabaseUrl.parse(liteLlmUrl != null ? liteLlmUrl
                    : StoreOptions.environment.get(ENV_LITELLM_DATABASE_URL));
            try (ControlPlane control = store.open(java.util.Optional.empty())) {
                MigrationReport report = LiteLlmMigration.run(from, control, settings, apply, Actor.CLI,
                        Clock.systemUTC());
                out.print(json ? Json.text(report.json()) + System.lineSeparator() : report.text());
                out.flush();
                return report.succeeded() ? 0 : 1;
            }
        } catch (RuntimeException e) {
            err.println("gatehouse migrate litellm: " + e.getMessage());
            return 1;
        }
    }

    private Duration duration(String text) {
        Matcher matcher = SHORT_DURATION.matcher(text.strip());
        Duration duration;
        try {
            duration = !matcher.matches() ? Duration.parse(text.strip()) : switch (matcher.group(2)) {
                case "d" -> Duration.ofDays(Long.parseLong(matcher.group(1)));
                case "h" -> Duration.ofHours(Long.parseLong(matcher.group(1)));
                default -> Duration.ofMinutes(Long.parseLong(matcher.group(1)));
            };
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ParameterException(spec.commandLine(), "--key-expiry: '" + text + "' is not a duration such as"
                    + " 30d, 12h, 90m or P14D");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new ParameterException(spec.commandLine(), "--key-expiry must be positive");
        }
        return duration;
    }
}
