package dev.gatehouse.server.cli;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.Issued;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code gatehouse admin}: the first owner key. Later admin keys are made through the admin API. */
@Command(name = "admin", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Administer Gatehouse's own access.")
final class AdminCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: try 'gatehouse admin bootstrap'");
    }

    @Command(name = "bootstrap", mixinStandardHelpOptions = true, description = {
            "Create the first owner admin key and print it once. Refused when an owner key exists",
            "(then an owner makes more keys through the admin API)."})
    int bootstrap(@Option(names = "--name", defaultValue = "bootstrap owner", paramLabel = "NAME",
            description = "A label for the key (default: ${DEFAULT-VALUE}).") String name,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ControlPlane control = store.open()) {
            if (control.adminKeys().hasOwner()) {
                err.println("gatehouse admin bootstrap: an owner admin key exists already; an owner makes more through"
                        + " POST /admin/admin-keys");
                return 1;
            }
            Issued<AdminKey> issued = control.adminKeys().create(name, AdminRole.OWNER, Actor.CLI);
            out.println("Owner admin key " + issued.key().id() + " (shown once; store it in a password manager):");
            out.println(issued.secret());
            out.println("Try: curl http://127.0.0.1:4000/admin/keys -H 'authorization: Bearer " + issued.secret() + "'");
            return 0;
        } catch (RuntimeException e) {
            err.println("gatehouse admin bootstrap: " + e.getMessage());
            return 1;
        }
    }
}
