package dev.gatehouse.server.selfcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether the process runs as root, from /proc/self/status's Uid line (proc(5)) or, without it, the user name. */
class ProcessUserTest {

    @Test
    void theEffectiveUidIsTheSecondOfTheUidLine() {
        assertEquals(OptionalLong.of(1000), ProcessUser.effectiveUid(List.of("Name:\tjava", "Uid:\t0\t1000\t0\t1000",
                "Gid:\t0\t0\t0\t0")));
        assertEquals(OptionalLong.of(0), ProcessUser.effectiveUid(List.of("Uid:\t1000\t0\t1000\t0")));
        assertEquals(OptionalLong.empty(), ProcessUser.effectiveUid(List.of("Name:\tjava", "Uid:\tgarbage")));
    }

    @Test
    void rootIsAnEffectiveUidOfZero(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("status");
        Files.writeString(status, "Name:\tjava\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n");
        assertTrue(ProcessUser.isRoot(status, "gatehouse"), "the uid counts, not the name");
        Files.writeString(status, "Name:\tjava\nUid:\t998\t998\t998\t998\n");
        assertFalse(ProcessUser.isRoot(status, "root"));
    }

    @Test
    void withoutProcTheUserNameDecides(@TempDir Path dir) {
        Path none = dir.resolve("no-such-status");
        assertTrue(ProcessUser.isRoot(none, "root"));
        assertFalse(ProcessUser.isRoot(none, "gatehouse"));
    }
}
