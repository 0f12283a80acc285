package dev.gatehouse.server.cli;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKey;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * The first start on the embedded defaults: there is no admin key and no virtual key yet, and
 * no route serves models without one. Gatehouse makes an owner admin key and a virtual key for
 * the mock models, and keeps them in a file of the data directory that only its owner can read.
 * On a terminal it prints each once with a curl line that works; otherwise (standard output
 * redirected to a file, a container's log, a log collector, all of which keep what they get)
 * it prints only the file's path, so no secret lands in a log.
 */
final class FirstStart {

    static final String FILE = "first-start-keys.txt";

    private FirstStart() {}

    /**
     * Creates the keys if the store has no admin key yet; otherwise says where they were kept.
     * {@code terminal}: whether {@code out} is a terminal, the only place the keys are printed.
     */
    static void run(ControlPlane control, Path dataDir, String url, List<String> models, PrintWriter out,
            boolean terminal) {
        Path file = dataDir.resolve(FILE);
        if (control.adminKeys().hasOwner() || !control.adminKeys().list().isEmpty()) {
            if (Files.exists(file)) {
                out.println("The keys made at first start are in " + file + " (readable by its owner only).");
            }
            return;
        }
        Issued<AdminKey> admin = control.adminKeys().create("first-start owner", AdminRole.OWNER, Actor.STARTUP);
        Issued<VirtualKey> key = control.keys().createKey(new KeyDraft("first-start key", null, models,
                Set.of(), List.of(), null, Limits.NONE, Json.object()), Actor.STARTUP);
        String text = """
                # Gatehouse first start. These keys are shown once; keep them safe, then delete this file.

                Owner admin key (everything: keys, teams, credentials, admin keys):
                %s
                  curl %s/admin/keys -H 'authorization: Bearer %s'

                Virtual key for the mock models (%s):
                %s
                  curl %s/v1/chat/completions -H 'authorization: Bearer %s' \\
                    -H 'content-type: application/json' \\
                    -d '{"model":"%s","messages":[{"role":"user","content":"Hello"}]}'
                """.formatted(admin.secret(), url, admin.secret(), String.join(", ", models), key.secret(), url,
                key.secret(), models.getFirst());
        write(file, text);
        out.println();
        if (terminal) {
            out.print(text);
            out.println("(Kept in " + file + ", readable by its owner only.)");
        } else {
            out.println("First start: an owner admin key and a virtual key for the mock models were made and kept in "
                    + file + " (readable by its owner only). They are not printed here: standard output is not a"
                    + " terminal, and logs keep what they are given.");
        }
        out.println();
    }

    /**
     * Whether standard output (and input) is a terminal. Before JDK 22 a console exists only
     * then; from JDK 22 {@link System#console()} may return one for redirected streams too, and
     * {@code Console.isTerminal()} (not in the JDK 21 API this is compiled against) tells.
     */
    static boolean standardOutputIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException jdk21) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false; // when in doubt, keep the keys out of the output
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("can not write " + file, e);
        }
    }
}
