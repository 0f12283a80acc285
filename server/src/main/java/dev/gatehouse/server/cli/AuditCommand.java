package dev.gatehouse.server.cli;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.AuditVerifier;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatehouse audit}: check the audit log's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Work with the audit log.")
final class AuditCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'gatehouse audit verify'");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true, description = {
            "Check every entry of the audit chain and say which were changed, deleted, inserted or reordered.",
            "Prints the head hash: keep it elsewhere and pass it back with --expect-head to detect a chain",
            "rewritten as a whole."},
            exitCodeListHeading = "Exit status:%n",
            exitCodeList = {"0:the chain is intact", "1:the chain is broken, or the store can not be read"})
    int verify(@Option(names = "--expect-head", paramLabel = "SEQ:HASH",
            description = "A head printed by an earlier run; it must still be in the chain.") String expectHead,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ControlPlane control = store.open(java.util.Optional.empty())) {
            AuditVerifier.Result result = AuditVerifier.verify(control.database());
            boolean intact = result.intact();
            for (String problem : result.problems()) {
                out.println("BROKEN: " + problem);
            }
            if (expectHead != null) {
                String problem = AuditVerifier.checkEarlierHead(control.database(), expectHead);
                if (problem != null) {
                    out.println("BROKEN: " + problem);
                    intact = false;
                }
            }
            out.println((intact ? "Intact: " : "Broken: ") + result.entries() + " entries; head "
                    + result.headSeq() + ":" + result.headHash());
            return intact ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("gatehouse audit verify: " + e.getMessage());
            return 1;
        }
    }
}
