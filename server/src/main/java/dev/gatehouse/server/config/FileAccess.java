package dev.gatehouse.server.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The file system as the loader sees it: the configuration file and key files. Tests replace it
 * to reach cases a real file system can not show (a file system without POSIX permissions).
 */
interface FileAccess {

    FileAccess SYSTEM = new FileAccess() {
        @Override
        public boolean isRegularFile(Path path) {
            return Files.isRegularFile(path);
        }

        @Override
        public Set<PosixFilePermission> permissions(Path path) throws IOException {
            return Files.getPosixFilePermissions(path);
        }

        @Override
        public byte[] read(Path path, int maxBytes) throws IOException {
            try (InputStream in = Files.newInputStream(path)) {
                return in.readNBytes(maxBytes + 1);
            }
        }
    };

    boolean isRegularFile(Path path);

    /**
     * The file's POSIX permissions.
     *
     * @throws UnsupportedOperationException on a file system without POSIX permissions
     */
    Set<PosixFilePermission> permissions(Path path) throws IOException;

    /** Up to {@code maxBytes + 1} bytes of the file, so that callers can tell a file that is too large. */
    byte[] read(Path path, int maxBytes) throws IOException;
}
