package dev.gatehouse.server.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The coding agents' npm packages, installed for the tests from {@code src/test/agents} (exact
 * versions in {@code package.json}, integrity hashes in {@code package-lock.json}) into
 * {@code target/agents} with {@code npm ci --ignore-scripts}: once per lockfile, the first time a
 * test asks. Install scripts stay off: each agent's native binary comes as a platform package that is
 * an optional dependency in the lockfile, and the launchers below find it there, so nothing is
 * downloaded when an agent runs.
 *
 * <p>There is no skip: without {@code node} and {@code npm} the tests fail, saying what to install
 * (see docs/development.md).
 */
final class AgentPackages {

    private static final Path MANIFESTS = Path.of("src", "test", "agents");
    private static final Path INSTALL = Path.of("target", "agents");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private static boolean installed;

    private AgentPackages() {}

    /** The command that starts Claude Code: its package's own launcher for when install scripts did not run. */
    static List<String> claudeCode() {
        return List.of(node(), packageFile("@anthropic-ai/claude-code", "cli-wrapper.cjs").toString());
    }

    /** The command that starts Codex CLI: its package's launcher, which runs the platform package's binary. */
    static List<String> codex() {
        return List.of(node(), packageFile("@openai/codex", "bin/codex.js").toString());
    }

    private static Path packageFile(String name, String file) {
        install();
        Path path = INSTALL.toAbsolutePath().resolve("node_modules").resolve(name).resolve(file);
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(name + " is not installed as expected: no " + path);
        }
        return path;
    }

    private static String node() {
        return onPath("node").orElseThrow(() -> missing("node")).toString();
    }

    /** Installs the packages unless this lockfile's install is already there. */
    private static synchronized void install() {
        if (installed) {
            return;
        }
        try {
            Path npm = onPath("npm").orElseThrow(() -> missing("npm"));
            byte[] lock = Files.readAllBytes(MANIFESTS.resolve("package-lock.json"));
            Path stamp = INSTALL.resolve("installed-lockfile.sha256");
            String hash = sha256(lock);
            if (!Files.isRegularFile(stamp) || !Files.readString(stamp).equals(hash)) {
                Files.createDirectories(INSTALL);
                Files.write(INSTALL.resolve("package.json"), Files.readAllBytes(MANIFESTS.resolve("package.json")));
                Files.write(INSTALL.resolve("package-lock.json"), lock);
                Files.deleteIfExists(stamp);
                // npm gets the machine's environment (its registry settings, proxy, certificates), unlike the agents.
                AgentProcess.Result result = AgentProcess.run(
                        List.of(npm.toString(), "ci", "--ignore-scripts", "--no-audit", "--no-fund"),
                        INSTALL.toAbsolutePath(), System.getenv(), INSTALL_TIMEOUT);
                if (result.exitCode() != 0) {
                    throw new IllegalStateException("npm ci of the coding agents failed (" + result.describe() + ")");
                }
                Files.writeString(stamp, hash);
            }
            installed = true;
        } catch (IOException e) {
            throw new IllegalStateException("can not install the coding agents: " + e.getMessage(), e);
        }
    }

    private static IllegalStateException missing(String tool) {
        return new IllegalStateException("the coding-agent tests need " + tool + " (Node.js 20 or later with npm) "
                + "on the PATH to install and run Claude Code and Codex CLI; install Node.js and npm");
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir).resolve(program);
            if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
