package dev.gatehouse.server.testing;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Unpacks a tar archive (POSIX ustar, with GNU long names) into a directory: regular files
 * with their permission bits, directories and relative symbolic links. Enough for the
 * PostgreSQL archive of the embedded binaries; the JDK reads no tar. An entry that would land
 * outside the directory, or a link that points outside it, is refused.
 *
 * <p>Format: <a href="https://www.gnu.org/software/tar/manual/html_node/Standard.html">GNU tar's
 * description of the header</a> (512-byte blocks, octal numbers, {@code L} for a long name).
 */
final class Tar {

    private static final int BLOCK = 512;

    private Tar() {}

    /** Unpacks {@code tar} into {@code into}, which must exist. */
    static void extract(InputStream tar, Path into) throws IOException {
        Path root = into.toAbsolutePath().normalize();
        String longName = null;
        byte[] header = new byte[BLOCK];
        while (true) {
            if (tar.readNBytes(header, 0, BLOCK) != BLOCK) {
                throw new EOFException("the tar archive ends inside a header");
            }
            if (allZero(header)) {
                return; // the end-of-archive marker
            }
            String name = longName != null ? longName : name(header);
            longName = null;
            char type = (char) header[156];
            long size = octal(header, 124, 12);
            switch (type) {
                case 'L' -> longName = trimNul(new String(readData(tar, size), StandardCharsets.UTF_8));
                case '0', '\0' -> {
                    Path file = inside(root, name);
                    Files.createDirectories(file.getParent());
                    try (var out = Files.newOutputStream(file)) {
                        copy(tar, out, size);
                    }
                    skipPadding(tar, size);
                    Files.setPosixFilePermissions(file, permissions((int) octal(header, 100, 8)));
                }
                case '5' -> {
                    Path dir = inside(root, name);
                    Files.createDirectories(dir);
                    Files.setPosixFilePermissions(dir, permissions((int) octal(header, 100, 8) | 0700));
                }
                case '2' -> {
                    Path link = inside(root, name);
                    Path target = Path.of(field(header, 157, 100));
                    if (target.isAbsolute()) {
                        throw new IOException("the tar entry " + name + " links to an absolute path: " + target);
                    }
                    if (!link.getParent().resolve(target).normalize().startsWith(root)) {
                        throw new IOException("the tar entry " + name + " links outside " + root + ": " + target);
                    }
                    Files.createDirectories(link.getParent());
                    Files.createSymbolicLink(link, target);
                }
                default -> throw new IOException("the tar entry " + name + " has a type this reader does not"
                        + " unpack: " + type);
            }
        }
    }

    private static Path inside(Path root, String name) throws IOException {
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("the tar entry " + name + " lands outside " + root);
        }
        return path;
    }

    private static String name(byte[] header) {
        String name = field(header, 0, 100);
        String prefix = field(header, 345, 155);
        boolean ustar = field(header, 257, 6).startsWith("ustar");
        return ustar && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String field(byte[] header, int offset, int length) {
        return trimNul(new String(header, offset, length, StandardCharsets.UTF_8));
    }

    private static String trimNul(String text) {
        int end = text.indexOf('\0');
        return end < 0 ? text : text.substring(0, end);
    }

    private static long octal(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            throw new IOException("the tar archive has a base-256 number, which this reader does not read");
        }
        String digits = field(header, offset, length).trim();
        try {
            return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
        } catch (NumberFormatException e) {
            throw new IOException("the tar archive has a header that is not a number where one belongs: " + digits, e);
        }
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readData(InputStream tar, long size) throws IOException {
        if (size > 65_536) {
            throw new IOException("the tar archive has a long name of " + size + " bytes");
        }
        byte[] data = tar.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("the tar archive ends inside an entry");
        }
        skipPadding(tar, size);
        return data;
    }

    private static void copy(InputStream tar, java.io.OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[65_536];
        long left = size;
        while (left > 0) {
            int read = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the tar archive ends inside an entry");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
    }

    private static void skipPadding(InputStream tar, long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (tar.readNBytes(padding).length != padding) {
            throw new EOFException("the tar archive ends inside an entry's padding");
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(order[bit]);
            }
        }
        return set;
    }
}
