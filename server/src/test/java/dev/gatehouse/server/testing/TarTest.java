package dev.gatehouse.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tar reader that unpacks the embedded PostgreSQL: what it unpacks, and what it refuses. */
class TarTest {

    @Test
    void unpacksFilesDirectoriesLinksAndLongNames(@TempDir Path dir) throws IOException {
        String longName = "share/" + "a".repeat(120) + "/deep.sql";
        byte[] tar = new Archive()
                .entry("bin/", '5', 0755, "", new byte[0])
                .entry("bin/initdb", '0', 0755, "", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8))
                .entry("lib/libpq.so.5.18", '0', 0644, "", new byte[700])
                .entry("lib/libpq.so.5", '2', 0777, "libpq.so.5.18", new byte[0])
                .longName(longName)
                .entry("ignored", '0', 0644, "", "SELECT 1;".getBytes(StandardCharsets.UTF_8))
                .end();

        Tar.extract(new ByteArrayInputStream(tar), dir);

        assertEquals("#!/bin/sh\n", Files.readString(dir.resolve("bin/initdb")));
        assertEquals("rwxr-xr-x",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("bin/initdb"))));
        assertEquals("rw-r--r--",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("lib/libpq.so.5.18"))));
        assertEquals(700, Files.size(dir.resolve("lib/libpq.so.5.18")));
        assertTrue(Files.isSymbolicLink(dir.resolve("lib/libpq.so.5")));
        assertEquals(Path.of("libpq.so.5.18"), Files.readSymbolicLink(dir.resolve("lib/libpq.so.5")));
        assertEquals("SELECT 1;", Files.readString(dir.resolve(longName)));
        assertFalse(Files.exists(dir.resolve("ignored")), "the long name replaces the header's own");
    }

    @Test
    void refusesAnEntryOutsideTheDirectory(@TempDir Path dir) {
        byte[] tar = new Archive().entry("bin/../../escaped", '0', 0644, "", new byte[1]).end();
        IOException refused = assertThrows(IOException.class, () -> Tar.extract(new ByteArrayInputStream(tar),
                dir.resolve("into")));
        assertTrue(refused.getMessage().contains("bin/../../escaped"), refused.getMessage());
        assertFalse(Files.exists(dir.resolve("escaped")));
    }

    @Test
    void refusesLinksOutOfTheDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("into"));
        byte[] absolute = new Archive().entry("lib/passwd", '2', 0777, "/etc/passwd", new byte[0]).end();
        assertTrue(assertThrows(IOException.class, () -> Tar.extract(new ByteArrayInputStream(absolute),
                dir.resolve("into"))).getMessage().contains("/etc/passwd"));
        byte[] relative = new Archive().entry("lib/up", '2', 0777, "../../outside", new byte[0]).end();
        assertTrue(assertThrows(IOException.class, () -> Tar.extract(new ByteArrayInputStream(relative),
                dir.resolve("into"))).getMessage().contains("../../outside"));
        assertFalse(Files.exists(dir.resolve("into/lib/passwd"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir.resolve("into/lib/up"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void refusesACutArchiveAndAnUnknownEntryType(@TempDir Path dir) {
        byte[] whole = new Archive().entry("big", '0', 0644, "", new byte[2000]).end();
        byte[] cut = Arrays.copyOf(whole, 1024);
        assertThrows(EOFException.class, () -> Tar.extract(new ByteArrayInputStream(cut), dir));
        byte[] device = new Archive().entry("dev/sda", '4', 0644, "", new byte[0]).end();
        assertTrue(assertThrows(IOException.class, () -> Tar.extract(new ByteArrayInputStream(device), dir))
                .getMessage().contains("dev/sda"));
    }

    /** Writes a ustar archive, block by block, as GNU tar lays it out. */
    private static final class Archive {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Archive entry(String name, char type, int mode, String link, byte[] data) {
            byte[] header = new byte[512];
            put(header, 0, name);
            put(header, 100, String.format("%07o", mode));
            put(header, 124, String.format("%011o", data.length));
            header[156] = (byte) type;
            put(header, 157, link);
            put(header, 257, "ustar");
            put(header, 263, "00");
            out.writeBytes(header);
            out.writeBytes(data);
            out.writeBytes(new byte[(512 - data.length % 512) % 512]);
            return this;
        }

        /** GNU's {@code L} entry: the next entry's name, too long for its header. */
        Archive longName(String name) {
            return entry("././@LongLink", 'L', 0644, "", (name + "\0").getBytes(StandardCharsets.UTF_8));
        }

        byte[] end() {
            out.writeBytes(new byte[1024]);
            return out.toByteArray();
        }

        private static void put(byte[] header, int offset, String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, header, offset, bytes.length);
        }
    }
}
