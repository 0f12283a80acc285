package dev.gatehouse.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gatehouse} command: the only place in Gatehouse that writes to the console. */
@Command(
        name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class,
        description = "An LLM gateway: one OpenAI-compatible API in front of many model providers.",
        subcommands = {ServeCommand.class, ConfigCommand.class, KeysCommand.class, SecretsCommand.class,
                AdminCommand.class, AuditCommand.class, VersionCommand.class})
public final class Main {

    /** Kept referenced: JDK logging holds loggers weakly, and a collected logger forgets its level. */
    private static final java.util.logging.Logger POOL_LOG = java.util.logging.Logger.getLogger("com.zaxxer.hikari");

    public static void main(String[] args) {
        // The connection pool's start and stop lines say nothing an operator acts on; its warnings stay.
        POOL_LOG.setLevel(java.util.logging.Level.WARNING);
        int exit = new CommandLine(new Main()).execute(args);
        // serve returns only once the server has stopped; every other command ends here.
        System.exit(exit);
    }
}
