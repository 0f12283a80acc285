package dev.gatehouse.server.cli;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.ConfigProblem;
import dev.gatehouse.server.config.GatehouseConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gatehouse config}: work with configuration files. */
@Command(name = "config", description = "Work with configuration files.", mixinStandardHelpOptions = true,
        versionProvider = BuildInfo.class)
final class ConfigCommand implements Callable<Integer> {

    static final int VALID = 0;
    static final int INVALID = 1;
    static final int USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'gatehouse config check FILE'");
    }

    /** {@code gatehouse config check FILE}: every problem with its location, the warnings, and a summary. */
    @Command(name = "check", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
            description = "Check a configuration file (Gatehouse's format or LiteLLM's) and print every problem.",
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:the file is valid", "1:the file has problems", "2:usage error, or no such file"})
    int check(@Parameters(paramLabel = "FILE", description = "The configuration file.") Path file) {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            spec.commandLine().getErr().println("gatehouse config check: no such file: " + file);
            return USAGE;
        }
        ConfigLoader.Loaded loaded = ConfigLoader.system().load(file);
        for (ConfigProblem problem : loaded.problems()) {
            out.println(problem.location() + ": " + problem.message());
        }
        for (String warning : loaded.warnings()) {
            out.println("warning: " + warning);
        }
        for (String note : loaded.notes()) {
            out.println("note: " + note);
        }
        out.println(summary(file, loaded));
        out.flush();
        return loaded.ok() ? VALID : INVALID;
    }

    private static String summary(Path file, ConfigLoader.Loaded loaded) {
        String warnings = count(loaded.warnings().size(), "warning");
        if (!loaded.ok()) {
            return file + ": " + count(loaded.problems().size(), "problem") + ", " + warnings;
        }
        GatehouseConfig config = loaded.config();
        long models = config.deployments().stream().map(Deployment::model).distinct().count();
        return file + ": valid; " + count(models, "model") + ", " + count(config.deployments().size(), "deployment")
                + ", " + warnings;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
