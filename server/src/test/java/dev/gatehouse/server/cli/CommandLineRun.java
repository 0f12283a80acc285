package dev.gatehouse.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code gatehouse} commands in-process, keeping what the last one printed. */
final class CommandLineRun {

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    /** Runs one command line; returns its exit code. */
    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** What the last command printed on standard output. */
    String out() {
        return out.toString();
    }

    /** What the last command printed on standard error. */
    String err() {
        return err.toString();
    }
}
