package dev.gatehouse.server.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The master keys Gatehouse holds: read from a file readable by its owner only, or from an
 * environment variable; never from the database or the configuration file.
 *
 * <p>The text format is one key per line, {@code gmk1:<id>:<base64 of 32 bytes>}; blank lines
 * and lines starting with {@code #} are ignored. The <em>last</em> key is the primary: new data
 * keys are wrapped with it. The others stay to open records wrapped before a rotation, until
 * {@code gatehouse secrets retire-master} removes them.
 */
public final class MasterKeyring {

    public static final String ENV_KEYS = "GATEHOUSE_MASTER_KEY";
    public static final String ENV_FILE = "GATEHOUSE_MASTER_KEY_FILE";
    static final String PREFIX = "gmk1:";
    private static final int MAX_FILE_BYTES = 64 * 1024;

    private final Map<String, MasterKey> keys;
    private final MasterKey primary;
    private final Optional<Path> file;

    private MasterKeyring(List<MasterKey> ordered, Optional<Path> file) {
        if (ordered.isEmpty()) {
            throw new MasterKeyException("the master keyring holds no key");
        }
        Map<String, MasterKey> byId = new LinkedHashMap<>();
        for (MasterKey key : ordered) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new MasterKeyException("the master keyring names key id " + key.id() + " twice");
            }
        }
        this.keys = byId;
        this.primary = ordered.getLast();
        this.file = file;
    }

    /** The key new data keys are wrapped with. */
    public MasterKey primary() {
        return primary;
    }

    public Optional<MasterKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    public List<String> ids() {
        return List.copyOf(keys.keySet());
    }

    /** The file this keyring was read from, if it came from a file. */
    public Optional<Path> file() {
        return file;
    }

    /** Reads the keyring from text (an environment variable's value). */
    public static MasterKeyring parse(String text) {
        return new MasterKeyring(parseKeys(text, "the " + ENV_KEYS + " variable"), Optional.empty());
    }

    /** Reads the keyring from a file that must be readable by its owner only. */
    public static MasterKeyring read(Path path) {
        checkPermissions(path);
        try {
            byte[] bytes;
            try (var in = Files.newInputStream(path)) {
                bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            }
            if (bytes.length > MAX_FILE_BYTES) {
                throw new MasterKeyException("master key file " + path + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return new MasterKeyring(parseKeys(new String(bytes, StandardCharsets.UTF_8), "master key file " + path),
                    Optional.of(path));
        } catch (IOException e) {
            throw new MasterKeyException("master key file " + path + " can not be read");
        }
    }

    /**
     * The keyring named by the environment: {@value #ENV_KEYS} holds the keys, or
     * {@value #ENV_FILE} (or {@code file}, from the command line) names a file holding them.
     */
    public static Optional<MasterKeyring> fromEnvironment(Map<String, String> env, Optional<Path> file) {
        String inline = env.get(ENV_KEYS);
        Optional<Path> path = file.or(() -> Optional.ofNullable(env.get(ENV_FILE)).filter(s -> !s.isBlank())
                .map(Path::of));
        if (inline != null && !inline.isBlank() && path.isPresent()) {
            throw new MasterKeyException("both " + ENV_KEYS + " and a master key file are given; give one");
        }
        if (inline != null && !inline.isBlank()) {
            return Optional.of(parse(inline));
        }
        return path.map(MasterKeyring::read);
    }

    /** Creates a file holding one new random key, readable by its owner only. */
    public static MasterKeyring create(Path path) {
        MasterKey key = generate();
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(path, header() + line(key), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new MasterKeyException("can not create master key file " + path + ": " + e.getMessage());
        }
        return read(path);
    }

    /** A new random key with a dated id. */
    public static MasterKey generate() {
        byte[] bytes = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(bytes);
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        String id = "mk-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-"
                + HexFormat.of().formatHex(suffix);
        return new MasterKey(id, bytes);
    }

    /** The keyring with {@code key} appended as the new primary. */
    public MasterKeyring withPrimary(MasterKey key) {
        List<MasterKey> ordered = new ArrayList<>(keys.values());
        ordered.add(key);
        return new MasterKeyring(ordered, file);
    }

    /** The keyring without {@code id}; the primary can not be removed. */
    public MasterKeyring without(String id) {
        if (primary.id().equals(id)) {
            throw new MasterKeyException("master key " + id + " is the primary key and can not be retired");
        }
        if (!keys.containsKey(id)) {
            throw new MasterKeyException("the keyring holds no master key " + id);
        }
        List<MasterKey> ordered = new ArrayList<>(keys.values());
        ordered.removeIf(key -> key.id().equals(id));
        return new MasterKeyring(ordered, file);
    }

    /** Writes the keyring back to its file, atomically, readable by its owner only. */
    public void save() {
        Path path = file.orElseThrow(() -> new MasterKeyException("this keyring came from " + ENV_KEYS
                + ", not a file; update the variable with the text `gatehouse secrets rotate-master` printed"));
        Path temp = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, text(), StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            Files.move(temp, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new MasterKeyException("can not write master key file " + path + ": " + e.getMessage());
        }
    }

    /** The keyring in its text format. Handle like the keys themselves. */
    public String text() {
        StringBuilder text = new StringBuilder(header());
        keys.values().forEach(key -> text.append(line(key)));
        return text.toString();
    }

    private static String header() {
        return "# Gatehouse master keys. The last key is the primary. Keep this file readable by its owner only,\n"
                + "# and not beside the database: whoever has both can decrypt every stored credential.\n";
    }

    private static String line(MasterKey key) {
        return PREFIX + key.id() + ":" + Base64.getEncoder().encodeToString(key.key().getEncoded()) + "\n";
    }

    private static List<MasterKey> parseKeys(String text, String source) {
        List<MasterKey> keys = new ArrayList<>();
        int number = 0;
        for (String raw : text.split("[\\n,]")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // Messages name the line, never its content: a malformed line may still be most of a key.
            if (!line.startsWith(PREFIX)) {
                throw new MasterKeyException(source + ", entry " + number + ": expected gmk1:<id>:<base64 key>");
            }
            String[] parts = line.substring(PREFIX.length()).split(":", 2);
            if (parts.length != 2 || !MasterKey.ID.matcher(parts[0]).matches()) {
                throw new MasterKeyException(source + ", entry " + number + ": expected gmk1:<id>:<base64 key>");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(parts[1]);
            } catch (IllegalArgumentException e) {
                throw new MasterKeyException(source + ", entry " + number + ": the key is not valid base64");
            }
            if (bytes.length != 32) {
                throw new MasterKeyException(source + ", entry " + number + ": the key must be 32 bytes, got "
                        + bytes.length);
            }
            keys.add(new MasterKey(parts[0], bytes));
            java.util.Arrays.fill(bytes, (byte) 0);
        }
        if (keys.isEmpty()) {
            throw new MasterKeyException(source + " holds no master key");
        }
        return keys;
    }

    private static void checkPermissions(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new MasterKeyException("master key file " + path + " does not exist or is not a regular file");
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new MasterKeyException("master key file " + path + " is open to group or others ("
                        + PosixFilePermissions.toString(permissions) + "); make it its owner's only: chmod 600 " + path);
            }
        } catch (UnsupportedOperationException e) {
            throw new MasterKeyException("master key file " + path + " is on a file system without POSIX"
                    + " permissions; use " + ENV_KEYS + " instead");
        } catch (IOException e) {
            throw new MasterKeyException("master key file " + path + " can not be read");
        }
    }
}
