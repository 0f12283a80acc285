package dev.gatehouse.server.config;

import dev.gatehouse.secret.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves a credential reference ({@code env:NAME}, {@code file:/path}, {@code secret:NAME}) into
 * a {@link Secret}. No message written here contains a credential's value: only variable names,
 * paths and what to do.
 */
final class Credentials {

    static final int MAX_KEY_FILE_BYTES = 64 * 1024;

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern STORED_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*}?");

    private final Function<String, String> env;
    private final FileAccess files;
    private final Findings findings;
    private final boolean plaintextAllowed;
    private final ConfigLoader.StoredSecrets stored;

    Credentials(Function<String, String> env, FileAccess files, Findings findings, boolean plaintextAllowed) {
        this(env, files, findings, plaintextAllowed, null);
    }

    /** With {@code stored} null, {@code secret:NAME} references are refused with a problem saying why. */
    Credentials(Function<String, String> env, FileAccess files, Findings findings, boolean plaintextAllowed,
            ConfigLoader.StoredSecrets stored) {
        this.env = env;
        this.files = files;
        this.findings = findings;
        this.plaintextAllowed = plaintextAllowed;
        this.stored = stored;
    }

    /** An environment variable's value as the loader sees it (tests give their own); null when unset. */
    String variable(String name) {
        return env.apply(name);
    }

    /** The credential, or null when none is given or it can not be resolved (then with a problem). */
    Secret resolve(Located at) {
        if (at.isMissing()) {
            return null;
        }
        if (!at.value().isTextual()) {
            findings.problem(at, "must be a string: a reference such as env:NAME or file:/path");
            return null;
        }
        String reference = at.value().textValue();
        if (reference.isBlank()) {
            findings.problem(at, "is empty; give a reference such as env:NAME or file:/path, or remove the key");
            return null;
        }
        if (reference.startsWith("env:")) {
            return fromEnvironment(at, reference.substring("env:".length()));
        }
        if (reference.startsWith("file:")) {
            return fromFile(at, reference.substring("file:".length()));
        }
        if (reference.startsWith("secret:")) {
            return fromStore(at, reference);
        }
        if (reference.startsWith("os.environ/")) {
            findings.problem(at, "os.environ/NAME is LiteLLM's syntax; in Gatehouse's format write env:NAME");
            return null;
        }
        if (SHELL_VARIABLE.matcher(reference).matches()) {
            findings.problem(at, "looks like a shell variable, which Gatehouse does not expand; write env:NAME");
            return null;
        }
        return literal(at, reference);
    }

    private Secret fromStore(Located at, String reference) {
        String name = reference.substring("secret:".length());
        if (!STORED_NAME.matcher(name).matches()) {
            findings.problem(at, "secret: must be followed by the name of a stored credential (letters, digits,"
                    + " '.', '_', '-')");
            return null;
        }
        if (stored == null) {
            // The name is not repeated in messages: a key pasted after "secret:" would be printed.
            findings.problem(at, "refers to a stored credential, which only a running gateway (or a command given"
                    + " the store and master key) can read");
            return null;
        }
        try {
            java.util.Optional<Secret> value = stored.find(name);
            if (value.isEmpty()) {
                findings.problem(at, "no credential is stored under the name given here; store it with:"
                        + " gatehouse secrets put NAME");
                return null;
            }
            return value.get();
        } catch (RuntimeException e) {
            findings.problem(at, "the stored credential can not be read: " + e.getMessage());
            return null;
        }
    }

    private Secret fromEnvironment(Located at, String name) {
        if (!VARIABLE.matcher(name).matches()) {
            findings.problem(at, "env: must be followed by an environment variable name (letters, digits, _)");
            return null;
        }
        String value = env.apply(name);
        if (value == null) {
            findings.problem(at, "environment variable " + name + " is not set");
            return null;
        }
        if (value.isBlank()) {
            findings.problem(at, "environment variable " + name + " is empty");
            return null;
        }
        return Secret.of(value.strip());
    }

    private Secret fromFile(Located at, String name) {
        Path path = Path.of(name);
        if (name.isEmpty() || !path.isAbsolute()) {
            findings.problem(at, "file: must be followed by an absolute path, such as file:/etc/gatehouse/openai.key");
            return null;
        }
        if (!files.isRegularFile(path)) {
            findings.problem(at, "key file " + path + " does not exist or is not a regular file");
            return null;
        }
        try {
            Set<PosixFilePermission> permissions = files.permissions(path);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                findings.problem(at, "key file " + path + " is readable by group or others (" + mode(permissions)
                        + "); make it readable by its owner only: chmod 600 " + path);
                return null;
            }
        } catch (UnsupportedOperationException e) {
            findings.problem(at, "key file " + path + " is on a file system without POSIX permissions,"
                    + " so Gatehouse can not check who may read it; use env:NAME instead");
            return null;
        } catch (IOException e) {
            findings.problem(at, "key file " + path + " can not be read");
            return null;
        }
        byte[] bytes;
        try {
            bytes = files.read(path, MAX_KEY_FILE_BYTES);
        } catch (IOException e) {
            findings.problem(at, "key file " + path + " can not be read");
            return null;
        }
        if (bytes.length > MAX_KEY_FILE_BYTES) {
            findings.problem(at, "key file " + path + " is larger than " + MAX_KEY_FILE_BYTES + " bytes");
            return null;
        }
        String value = new String(bytes, StandardCharsets.UTF_8).strip();
        if (value.isEmpty()) {
            findings.problem(at, "key file " + path + " is empty");
            return null;
        }
        return Secret.of(value);
    }

    private Secret literal(Located at, String value) {
        if (!plaintextAllowed) {
            findings.problem(at, "a credential written into the configuration file is refused; use env:NAME or"
                    + " file:/path (or set allow_plaintext_credentials: true to accept it)");
            return null;
        }
        findings.warn(at, "a credential is written into the configuration file (allowed by"
                + " allow_plaintext_credentials: true); anyone who can read the file can use it; prefer env:NAME"
                + " or file:/path");
        return Secret.of(value.strip());
    }

    private static String mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) {
            mode |= 1 << (8 - p.ordinal());
        }
        return String.format("mode %04o", mode);
    }
}
