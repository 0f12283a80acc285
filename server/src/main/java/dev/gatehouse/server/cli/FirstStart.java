package dev.gatehouse.server.cli;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.AdminKeys;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.KeyService;
import dev.gatehouse.server.auth.Limits;
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
 * the mock models, prints each once with a curl line that works, and keeps them in a file of the
 * data directory that only its owner can read.
 */
final class FirstStart {

    static final String FILE = "first-start-keys.txt";

    private FirstStart() {}

    /** Creates the keys if the store has no admin key yet; otherwise says where they were kept. */
    static void run(ControlPlane control, Path dataDir, String url, List<String> models, PrintWriter out) {
        Path file = dataDir.resolve(FILE);
        if (control.adminKeys().hasOwner() || !control.adminKeys().list().isEmpty()) {
            if (Files.exists(file)) {
                out.println("The keys made at first start are in " + file + " (readable by its owner only).");
            }
            return;
        }
        AdminKeys.Issued admin = control.adminKeys().create("first-start owner", AdminRole.OWNER, Actor.STARTUP);
        KeyService.Issued key = control.keys().createKey(new KeyDraft("first-start key", null, models,
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
        out.print(text);
        out.println("(Kept in " + file + ", readable by its owner only.)");
        out.println();
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
