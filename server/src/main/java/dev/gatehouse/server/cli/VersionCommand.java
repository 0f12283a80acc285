package dev.gatehouse.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse version}: the version this jar was built as. */
@Command(name = "version", description = "Print the Gatehouse version.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("Gatehouse " + BuildInfo.version());
        return 0;
    }
}
