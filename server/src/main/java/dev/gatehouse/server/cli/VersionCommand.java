package dev.gatehouse.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code gatehouse version}: the version, commit and build time of this jar. */
@Command(name = "version", description = "Print the Gatehouse version, commit and build time.")
final class VersionCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        out.println("Gatehouse " + BuildInfo.version());
        out.println("commit " + BuildInfo.commit());
        out.println("built " + BuildInfo.built());
        return 0;
    }
}
