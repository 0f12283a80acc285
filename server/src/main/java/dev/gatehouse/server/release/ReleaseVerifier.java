package dev.gatehouse.server.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks an unpacked release bundle: the signature of its {@code SHA256SUMS} by one of the
 * trusted keys, the SHA-256 of every file the list names, and that the folder holds no file the
 * list does not name. Every difference is reported, not only the first, each naming its file.
 */
public final class ReleaseVerifier {

    private ReleaseVerifier() {}

    /** What the check found: the key that signed (if one did), how many files were compared, and every problem. */
    public record Verification(Optional<ReleaseKey> signer, int filesChecked, List<String> problems) {

        public Verification {
            problems = List.copyOf(problems);
        }

        public boolean verified() {
            return problems.isEmpty() && signer.isPresent();
        }
    }

    public static Verification verify(Path dir, List<ReleaseKey> trusted) {
        List<String> problems = new ArrayList<>();
        Path sumsFile = dir.resolve(Checksums.FILE);
        if (!Files.isRegularFile(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add("no " + Checksums.FILE + " in " + dir + ": not the top folder of a release bundle");
            return new Verification(Optional.empty(), 0, problems);
        }
        byte[] sums = read(sumsFile);
        Optional<ReleaseKey> signer = checkSignature(dir, sums, trusted, problems);
        Checksums checksums;
        try {
            checksums = Checksums.parse(new String(sums, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return new Verification(signer, 0, problems);
        }
        int checked = 0;
        for (Checksums.Entry entry : checksums.entries()) {
            Path file = dir.resolve(entry.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                problems.add(entry.path() + ": listed in " + Checksums.FILE + " but missing (or not a regular file)");
                continue;
            }
            String actual = sha256(file);
            checked++;
            if (!actual.equals(entry.sha256())) {
                problems.add(entry.path() + ": SHA-256 differs: expected " + entry.sha256() + ", found " + actual);
            }
        }
        Set<String> listed = checksums.entries().stream().map(Checksums.Entry::path).collect(Collectors.toSet());
        for (String path : filesUnder(dir)) {
            if (Files.isSymbolicLink(dir.resolve(path))) {
                // A link could point anywhere; a bundle holds regular files only.
                problems.add(path + ": a symbolic link, which a release bundle never holds");
            } else if (!listed.contains(path) && !path.equals(Checksums.FILE) && !path.equals(Checksums.SIGNATURE_FILE)) {
                problems.add(path + ": not listed in " + Checksums.FILE);
            }
        }
        return new Verification(signer, checked, problems);
    }

    /**
     * Checks a downloaded archive before it is unpacked: its detached signature, the file beside it
     * with {@code .sig} appended to its name, by one of the trusted keys.
     */
    public static Verification verifyArchive(Path archive, List<ReleaseKey> trusted) {
        List<String> problems = new ArrayList<>();
        Path signatureFile = archive.resolveSibling(archive.getFileName() + ".sig");
        if (!Files.isRegularFile(signatureFile)) {
            problems.add(signatureFile.getFileName() + " is missing: download it beside " + archive.getFileName());
            return new Verification(Optional.empty(), 0, problems);
        }
        Optional<ReleaseKey> signer = Signatures.signer(read(archive), read(signatureFile), trusted);
        if (signer.isEmpty()) {
            problems.add("the signature " + signatureFile.getFileName() + " does not match public key"
                    + (trusted.size() == 1 ? " " : "s ")
                    + trusted.stream().map(ReleaseKey::fingerprint).collect(Collectors.joining(", ")) + ": "
                    + archive.getFileName() + " was changed, or signed by another key");
        }
        return new Verification(signer, 1, problems);
    }

    private static Optional<ReleaseKey> checkSignature(Path dir, byte[] sums, List<ReleaseKey> trusted,
            List<String> problems) {
        Path signatureFile = dir.resolve(Checksums.SIGNATURE_FILE);
        if (!Files.isRegularFile(signatureFile, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(Checksums.SIGNATURE_FILE + " is missing: the bundle is not signed");
            return Optional.empty();
        }
        Optional<ReleaseKey> signer = Signatures.signer(sums, read(signatureFile), trusted);
        if (signer.isEmpty()) {
            String keys = trusted.stream().map(ReleaseKey::fingerprint).collect(Collectors.joining(", "));
            problems.add("the signature " + Checksums.SIGNATURE_FILE + " does not match public key"
                    + (trusted.size() == 1 ? " " : "s ") + keys + ": " + Checksums.FILE
                    + " was changed, or signed by another key");
        }
        return signer;
    }

    /** Every file (anything but a directory) under dir, as a path with {@code /} separators, sorted. */
    private static Set<String> filesUnder(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .map(path -> dir.relativize(path).toString().replace(java.io.File.separatorChar, '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("can not list " + dir, e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("can not read " + file, e);
        }
    }
}
