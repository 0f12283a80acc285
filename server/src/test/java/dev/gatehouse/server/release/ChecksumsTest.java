package dev.gatehouse.server.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SHA256SUMS is read as sha256sum writes it, and nothing else. */
class ChecksumsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    @Test
    void readsTextAndBinaryModeLines() {
        Checksums sums = Checksums.parse(A + "  bin/gatehouse\n" + B + " *lib/gatehouse.jar\n");
        assertEquals(List.of(new Checksums.Entry("bin/gatehouse", A), new Checksums.Entry("lib/gatehouse.jar", B)),
                sums.entries());
    }

    @Test
    void refusesWhatTheSignatureCouldNotVouchFor() {
        assertEquals("SHA256SUMS line 2 is not '<sha256>  <path>': 'nonsense'",
                assertThrows(IllegalArgumentException.class, () -> Checksums.parse(A + "  x\nnonsense\n")).getMessage());
        assertEquals("SHA256SUMS line 1 names a path outside the bundle: '/etc/passwd'",
                assertThrows(IllegalArgumentException.class, () -> Checksums.parse(A + "  /etc/passwd\n")).getMessage());
        assertEquals("SHA256SUMS line 1 names a path outside the bundle: 'lib/../../x'",
                assertThrows(IllegalArgumentException.class, () -> Checksums.parse(A + "  lib/../../x\n")).getMessage());
        assertEquals("SHA256SUMS lists 'x' twice",
                assertThrows(IllegalArgumentException.class, () -> Checksums.parse(A + "  x\n" + B + "  x\n")).getMessage());
        // sha256sum marks a name it had to escape (a newline or backslash in it) with a leading backslash.
        assertThrows(IllegalArgumentException.class, () -> Checksums.parse("\\" + A + "  a\\nb\n"));
    }
}
