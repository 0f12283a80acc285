package dev.gatehouse.server.cli;

import dev.gatehouse.server.logging.ConsoleLog;
import dev.gatehouse.server.logging.KeptLogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command: the only place in Gatehouse that writes to the console. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "An LLM gateway: one OpenAI-compatible API in front of many model providers.",
        subcommands = {ServeCommand.class, ConfigCommand.class, KeysCommand.class, SecretsCommand.class,
                AdminCommand.class, AuditCommand.class, CatalogCommand.class, MigrateCommand.class, VersionCommand.class,
                VerifyCommand.class, VerifyReleaseCommand.class, ReleaseKeyCommand.class})
public final class Main {

    public static void main(String[] args) {
        // Before anything logs: JDK logging would otherwise drop its handlers while serve still drains at shutdown.
        System.setProperty(KeptLogManager.PROPERTY, KeptLogManager.class.getName());
        // One line per record on standard error, as text at info until serve has read its configuration's
        // logging: section (docs/observability.md).
        ConsoleLog.install(System.err);
        int exit = new CommandLine(new Main()).execute(args);
        // serve returns only once the server has stopped; every other command ends here.
        System.exit(exit);
    }
}
