package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.secret.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** api_key references: env:, file: (with its permissions), secret:, and credentials written into the file. */
class CredentialsTest {

    private static String withKey(String apiKey) {
        return "models:\n  - name: m\n    provider: openai\n    model: gpt-4o\n    api_key: " + apiKey + "\n";
    }

    private static Secret keyOf(ConfigLoader.Loaded loaded) {
        return loaded.config().deployments().getFirst().apiKey();
    }

    private static Path keyFile(Path dir, String contents, String mode) throws IOException {
        Path file = Files.writeString(dir.resolve("openai.key"), contents);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void envReadsAnEnvironmentVariable() {
        assertEquals("sk-test-openai-Zq81xV", keyOf(loadOk(withKey("env:OPENAI_API_KEY"))).reveal());
    }

    @Test
    void aMissingOrEmptyVariableIsAProblem() {
        assertProblem(load(withKey("env:NOT_SET_ANYWHERE")), "models[0].api_key (line 5)",
                "environment variable NOT_SET_ANYWHERE is not set");
        assertProblem(load(withKey("env:EMPTY_KEY")), "models[0].api_key (line 5)",
                "environment variable EMPTY_KEY is empty");
        assertProblem(load(withKey("'env:'")), "models[0].api_key (line 5)",
                "env: must be followed by an environment variable name");
    }

    @Test
    void aKeyFileReadableByItsOwnerOnlyIsRead(@TempDir Path dir) throws IOException {
        Path file = keyFile(dir, "sk-from-file-Tt44\n", "rw-------");
        assertEquals("sk-from-file-Tt44", keyOf(loadOk(withKey("file:" + file))).reveal(), "contents are trimmed");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertEquals("sk-from-file-Tt44", keyOf(loadOk(withKey("file:" + file))).reveal());
    }

    @Test
    void aKeyFileReadableByGroupOrOthersIsRefused(@TempDir Path dir) throws IOException {
        Path file = keyFile(dir, "sk-from-file-Tt44\n", "rw-r--r--");
        ConfigLoader.Loaded loaded = load(withKey("file:" + file));
        assertProblem(loaded, "models[0].api_key (line 5)", "key file " + file
                + " is readable by group or others (mode 0644); make it readable by its owner only: chmod 600");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertProblem(load(withKey("file:" + file)), "models[0].api_key (line 5)", "(mode 0640)");
    }

    @Test
    void aKeyFileMustExistBeAbsoluteAndHoldAKey(@TempDir Path dir) throws IOException {
        assertProblem(load(withKey("file:" + dir.resolve("nope.key"))), "models[0].api_key (line 5)",
                "does not exist or is not a regular file");
        assertProblem(load(withKey("file:" + dir)), "models[0].api_key (line 5)", "is not a regular file");
        assertProblem(load(withKey("file:keys/openai.key")), "models[0].api_key (line 5)",
                "file: must be followed by an absolute path");
        Path empty = keyFile(dir, " \n", "rw-------");
        assertProblem(load(withKey("file:" + empty)), "models[0].api_key (line 5)", "is empty");
        Path big = keyFile(dir, "k".repeat(Credentials.MAX_KEY_FILE_BYTES + 1), "rw-------");
        assertProblem(load(withKey("file:" + big)), "models[0].api_key (line 5)", "is larger than 65536 bytes");
    }

    @Test
    void withoutPosixPermissionsAKeyFileCanNotBeTrusted(@TempDir Path dir) throws IOException {
        Path file = keyFile(dir, "sk-x", "rw-------");
        FileAccess noPosix = new FileAccess() {
            @Override
            public boolean isRegularFile(Path path) {
                return true;
            }

            @Override
            public Set<PosixFilePermission> permissions(Path path) {
                throw new UnsupportedOperationException("no POSIX here");
            }

            @Override
            public byte[] read(Path path, int maxBytes) throws IOException {
                return Files.readAllBytes(path);
            }
        };
        ConfigLoader.Loaded loaded = new ConfigLoader(Configs.ENV::get, noPosix).parse(withKey("file:" + file), "g");
        assertProblem(loaded, "models[0].api_key (line 5)", "on a file system without POSIX permissions");
    }

    @Test
    void storedSecretsNeedTheStore() {
        assertProblem(load(withKey("secret:openai-prod")), "models[0].api_key (line 5)",
                "refers to a stored credential, which only a running gateway");
    }

    @Test
    void storedSecretsAreReadFromTheStore() {
        ConfigLoader loader = new ConfigLoader(Configs.ENV::get).withStoredSecrets(name ->
                name.equals("openai-prod") ? java.util.Optional.of(dev.gatehouse.secret.Secret.of("sk-stored-Tq93Lm28"))
                        : java.util.Optional.empty());
        ConfigLoader.Loaded found = loader.parse(withKey("secret:openai-prod"), "g");
        assertTrue(found.ok(), found.problems().toString());
        assertEquals("sk-stored-Tq93Lm28", found.config().deployments().getFirst().apiKey().reveal());
        assertProblem(loader.parse(withKey("secret:openai-staging"), "g"), "models[0].api_key (line 5)",
                "no credential is stored under the name given here; store it with: gatehouse secrets put NAME");
        assertProblem(loader.parse(withKey("secret:$(cat /etc/passwd)"), "g"), "models[0].api_key (line 5)",
                "secret: must be followed by the name of a stored credential");
    }

    @Test
    void aCredentialWrittenIntoTheFileIsRefusedByDefault() {
        ConfigLoader.Loaded loaded = load(withKey("sk-proj-Literal77"));
        assertProblem(loaded, "models[0].api_key (line 5)",
                "a credential written into the configuration file is refused; use env:NAME or file:/path (or set"
                        + " allow_plaintext_credentials: true");
        assertFalse(loaded.problems().toString().contains("Literal77"));
    }

    @Test
    void aCredentialWrittenIntoTheFileIsAcceptedWhenAllowedAndWarnedAbout() {
        ConfigLoader.Loaded loaded = loadOk("allow_plaintext_credentials: true\n" + withKey("sk-proj-Literal77"));
        assertEquals("sk-proj-Literal77", keyOf(loaded).reveal());
        assertEquals(List.of("models[0].api_key (line 6): a credential is written into the configuration file"
                + " (allowed by allow_plaintext_credentials: true); anyone who can read the file can use it; prefer"
                + " env:NAME or file:/path"), loaded.warnings());
    }

    @Test
    void mistakenReferenceSyntaxIsNotTakenForAKey() {
        ConfigLoader.Loaded litellm = load("allow_plaintext_credentials: true\n" + withKey("os.environ/OPENAI_API_KEY"));
        assertProblem(litellm, "models[0].api_key (line 6)", "os.environ/NAME is LiteLLM's syntax; in Gatehouse's"
                + " format write env:NAME");
        assertProblem(load("allow_plaintext_credentials: true\n" + withKey("${OPENAI_API_KEY}")),
                "models[0].api_key (line 6)", "looks like a shell variable, which Gatehouse does not expand");
        assertProblem(load(withKey("''")), "models[0].api_key (line 5)", "is empty");
        assertProblem(load(withKey("12345")), "models[0].api_key (line 5)", "must be a string");
    }
}
