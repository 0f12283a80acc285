package dev.gatehouse.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command as the {@code nobody} user when the tests run as root. PostgreSQL refuses to
 * run as root, and a machine without Debian's postgresql package has no {@code postgres} user;
 * {@code nobody} is on every Linux, and {@code setpriv} (util-linux, essential on Debian) switches
 * to it without a shell in between. Not as root, commands run as they are.
 */
record Unprivileged(int uid, int gid) {

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The {@code nobody} user, from {@code /etc/passwd}. */
    static Unprivileged nobody() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && fields[0].equals("nobody")) {
                    return new Unprivileged(Integer.parseInt(fields[2]), Integer.parseInt(fields[3]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("can not read /etc/passwd", e);
        }
        throw new IllegalStateException("the tests run as root and PostgreSQL does not: they start it as the"
                + " nobody user, and /etc/passwd has none");
    }

    /** {@code command}, run as this user. */
    List<String> wrap(List<String> command) {
        List<String> full = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid,
                "--clear-groups", "--"));
        full.addAll(command);
        return full;
    }

    /** Hands {@code path} to this user. */
    void own(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", uid);
        Files.setAttribute(path, "unix:gid", gid);
    }
}
