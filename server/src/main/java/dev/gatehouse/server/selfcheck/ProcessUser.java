package dev.gatehouse.server.selfcheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Whether this process runs as root, without native code: on Linux the effective user id of
 * {@code /proc/self/status}'s {@code Uid:} line (real, effective, saved, file-system ids; see
 * proc(5), https://man7.org/linux/man-pages/man5/proc_pid_status.5.html); where there is no
 * {@code /proc}, the weaker {@code user.name} property.
 */
public final class ProcessUser {

    private static final Path STATUS = Path.of("/proc/self/status");

    private ProcessUser() {}

    /** Whether this process runs as root. */
    public static boolean isRoot() {
        return isRoot(STATUS, System.getProperty("user.name", ""));
    }

    static boolean isRoot(Path status, String userName) {
        if (Files.isReadable(status)) {
            try {
                OptionalLong uid = effectiveUid(Files.readAllLines(status));
                if (uid.isPresent()) {
                    return uid.getAsLong() == 0;
                }
            } catch (IOException unreadable) {
                // Falls back to the user name below.
            }
        }
        return userName.equals("root");
    }

    /** The second number of the {@code Uid:} line, if there is one. */
    static OptionalLong effectiveUid(List<String> status) {
        for (String line : status) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring("Uid:".length()).strip().split("\\s+");
                if (ids.length >= 2 && ids[1].matches("\\d{1,10}")) {
                    return OptionalLong.of(Long.parseLong(ids[1]));
                }
            }
        }
        return OptionalLong.empty();
    }
}
