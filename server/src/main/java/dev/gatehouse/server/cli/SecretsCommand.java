package dev.gatehouse.server.cli;

import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.crypto.MasterKey;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.crypto.SecretVault;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse secrets}: provider credentials stored encrypted in the store. Values are read
 * from standard input or a file, never from the command line (where they would land in shell
 * history and in every process listing), and are never printed.
 */
@Command(name = "secrets", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Store provider credentials encrypted, list them, delete them, rotate the master key.")
final class SecretsCommand implements Callable<Integer> {

    static final int MAX_VALUE_BYTES = 64 * 1024;

    /** Standard input, replaceable in tests. */
    static InputStream stdin = System.in;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: put, list, delete, rotate-master,"
                + " retire-master or new-master-key");
    }

    @Command(name = "put", mixinStandardHelpOptions = true, description = "Store (or replace) a credential; the value"
            + " is read from standard input, or from --from-file.")
    int put(@Parameters(paramLabel = "NAME", description = "The name configs refer to as secret:NAME.") String name,
            @Option(names = "--from-file", paramLabel = "FILE", description = "Read the value from this file.")
            Path fromFile, @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String value;
        try {
            byte[] bytes = fromFile != null ? readLimited(Files.newInputStream(fromFile)) : readLimited(stdin);
            value = new String(bytes, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            err.println("gatehouse secrets put: can not read the value: " + e.getMessage());
            return 1;
        }
        if (value.isEmpty()) {
            err.println("gatehouse secrets put: the value is empty; pipe it in, e.g. "
                    + "'gatehouse secrets put " + name + " < key.txt'");
            return 1;
        }
        return withVault(store, err, vault -> {
            SecretVault.Entry entry = vault.put(name, Secret.of(value), Actor.CLI);
            out.println("Stored " + entry.name() + " (" + entry.id() + ", sealed under master key "
                    + entry.masterKeyId() + "). Refer to it as secret:" + entry.name());
            return 0;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List stored credentials: names, ids,"
            + " dates and master key ids, never values.")
    int list(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return withVault(store, spec.commandLine().getErr(), vault -> {
            out.printf("%-32s %-30s %-22s %-24s %-24s %s%n", "NAME", "ID", "MASTER KEY", "CREATED", "UPDATED",
                    "LAST USED");
            for (SecretVault.Entry entry : vault.list()) {
                out.printf("%-32s %-30s %-22s %-24s %-24s %s%n", entry.name(), entry.id(), entry.masterKeyId(),
                        Instant.ofEpochMilli(entry.createdAt()), Instant.ofEpochMilli(entry.updatedAt()),
                        entry.lastUsedAt() == null ? "never" : Instant.ofEpochMilli(entry.lastUsedAt()));
            }
            return 0;
        });
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a stored credential.")
    int delete(@Parameters(paramLabel = "NAME") String name, @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return withVault(store, spec.commandLine().getErr(), vault -> {
            vault.delete(name, Actor.CLI);
            out.println("Deleted " + name + ".");
            return 0;
        });
    }

    @Command(name = "new-master-key", mixinStandardHelpOptions = true,
            description = "Create a master keyring file holding one new key, readable by its owner only.")
    int newMasterKey(@Parameters(paramLabel = "FILE") Path file) {
        PrintWriter out = spec.commandLine().getOut();
        if (Files.exists(file)) {
            spec.commandLine().getErr().println("gatehouse secrets new-master-key: " + file + " exists; it is not"
                    + " overwritten");
            return 1;
        }
        MasterKeyring keyring = MasterKeyring.create(file);
        out.println("Created " + file + " with master key " + keyring.primary().id() + ".");
        out.println("Give it to Gatehouse with --master-key-file " + file + " or " + MasterKeyring.ENV_FILE + "=" + file
                + ". Keep it away from the database and its backups.");
        return 0;
    }

    @Command(name = "rotate-master", mixinStandardHelpOptions = true, description = {
            "Add a new master key to the keyring as its primary and re-wrap every stored credential's data key",
            "under it. Gateways keep running: they hold the values they read at start, and a keyring with both",
            "keys opens every record. Restart them with the new keyring, then retire the old key."})
    int rotateMaster(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MasterKeyring current;
        try {
            current = store.keyring().orElse(null);
        } catch (RuntimeException e) {
            err.println("gatehouse secrets rotate-master: " + e.getMessage());
            return 1;
        }
        if (current == null) {
            err.println("gatehouse secrets rotate-master: no master key is configured; see --master-key-file");
            return 1;
        }
        MasterKey fresh = MasterKeyring.generate();
        MasterKeyring next = current.withPrimary(fresh);
        if (current.file().isPresent()) {
            next.save();
        }
        try (ControlPlane control = store.open(java.util.Optional.of(next))) {
            int count = control.requireVault().rewrapAll(Actor.CLI);
            out.println("New primary master key " + fresh.id() + "; re-wrapped " + count + " credential(s).");
        } catch (RuntimeException e) {
            err.println("gatehouse secrets rotate-master: " + e.getMessage());
            err.println("The keyring holds both keys; run the command again to finish.");
            return 1;
        }
        if (current.file().isPresent()) {
            out.println("The keyring file " + current.file().get() + " now holds both keys. Restart every gateway, then"
                    + " run: gatehouse secrets retire-master " + current.primary().id());
        } else {
            out.println("Set " + MasterKeyring.ENV_KEYS + " to the following (both keys; handle it like the keys"
                    + " themselves), restart every gateway, then retire " + current.primary().id() + ":");
            out.print(next.text());
        }
        return 0;
    }

    @Command(name = "retire-master", mixinStandardHelpOptions = true,
            description = "Remove an old master key from the keyring file once no stored credential uses it.")
    int retireMaster(@Parameters(paramLabel = "KEY_ID") String id, @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        return withControl(store, spec.commandLine().getErr(), control -> {
            SecretVault vault = control.requireVault();
            Map<String, Integer> counts = vault.countByMasterKey();
            if (counts.getOrDefault(id, 0) > 0) {
                throw new IllegalArgumentException(counts.get(id) + " credential(s) are still sealed under " + id
                        + "; run gatehouse secrets rotate-master first");
            }
            MasterKeyring next = vault.keyring().without(id);
            next.save();
            control.audit().append(Actor.CLI.event("master_key.retired", "master_key:" + id));
            out.println("Retired master key " + id + "; the keyring holds " + next.ids() + ".");
            return 0;
        });
    }

    private interface Work<T> {
        int run(T subject);
    }

    private static int withVault(StoreOptions store, PrintWriter err, Work<SecretVault> work) {
        return withControl(store, err, control -> work.run(control.requireVault()));
    }

    private static int withControl(StoreOptions store, PrintWriter err, Work<ControlPlane> work) {
        try (ControlPlane control = store.open()) {
            return work.run(control);
        } catch (RuntimeException e) {
            err.println("gatehouse secrets: " + e.getMessage());
            return 1;
        }
    }

    private static byte[] readLimited(InputStream in) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_VALUE_BYTES + 1);
            if (bytes.length > MAX_VALUE_BYTES) {
                throw new IOException("the value is larger than " + MAX_VALUE_BYTES + " bytes");
            }
            return bytes;
        }
    }
}
