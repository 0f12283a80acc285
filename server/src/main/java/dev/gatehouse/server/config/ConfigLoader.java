package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.guardrail.GuardrailPolicies;
import dev.gatehouse.server.telemetry.ObservabilitySettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads a configuration file — Gatehouse's own format or LiteLLM's {@code model_list} format —
 * checks all of it, and resolves its credentials. A bad file never throws: every problem found
 * is returned with its location, so that one run of {@code gatehouse config check} shows them all.
 */
public final class ConfigLoader {

    static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final String EMBEDDED = "embedded-defaults.yaml";

    private final Function<String, String> env;
    private final FileAccess files;
    private final StoredSecrets storedSecrets;

    /** Looks up a stored credential by name, for {@code secret:NAME} references. */
    @FunctionalInterface
    public interface StoredSecrets {
        /** The credential, or empty when none is stored under that name. */
        java.util.Optional<dev.gatehouse.secret.Secret> find(String name);
    }

    /** A loader reading the process's environment variables and the real file system. */
    public static ConfigLoader system() {
        return new ConfigLoader(System::getenv, FileAccess.SYSTEM);
    }

    ConfigLoader(Function<String, String> env) {
        this(env, FileAccess.SYSTEM);
    }

    ConfigLoader(Function<String, String> env, FileAccess files) {
        this(env, files, null);
    }

    private ConfigLoader(Function<String, String> env, FileAccess files, StoredSecrets storedSecrets) {
        this.env = Objects.requireNonNull(env, "env");
        this.files = Objects.requireNonNull(files, "files");
        this.storedSecrets = storedSecrets;
    }

    /** This loader, resolving {@code secret:NAME} references from {@code stored}. */
    public ConfigLoader withStoredSecrets(StoredSecrets stored) {
        return new ConfigLoader(env, files, Objects.requireNonNull(stored, "stored"));
    }

    /**
     * The outcome of loading: a configuration, or the problems that prevent one, and the warnings
     * to show at every start either way.
     *
     * @param config   the configuration; null when there are problems
     * @param problems what must change before Gatehouse runs with this file, in file order
     * @param warnings what Gatehouse accepts but the operator should know, in file order
     */
    public record Loaded(GatehouseConfig config, List<ConfigProblem> problems, List<String> warnings) {

        public Loaded {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            if ((config == null) == problems.isEmpty()) {
                throw new IllegalArgumentException("a configuration comes exactly when there are no problems");
            }
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** Loads {@code file}; problems with reading it are problems like any other. */
    public Loaded load(Path file) {
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        Findings findings = new Findings();
        Located whole = Located.root(MissingNode.getInstance(), label, Map.of());
        if (!files.isRegularFile(file)) {
            findings.problem(whole, "the file does not exist or is not a regular file");
            return failed(findings);
        }
        byte[] bytes;
        try {
            bytes = files.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            findings.problem(whole, "the file can not be read");
            return failed(findings);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            findings.problem(whole, "the file is larger than " + MAX_FILE_BYTES + " bytes");
            return failed(findings);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            findings.problem(whole, "the file is not UTF-8 text");
            return failed(findings);
        }
        return parse(text, label);
    }

    /**
     * The built-in configuration: models served by the mock provider on 127.0.0.1:4000, so that
     * Gatehouse runs, and can be tried, without any provider account.
     */
    public Loaded embeddedDefaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("the embedded defaults (" + EMBEDDED + ") are missing from the jar");
            }
            Loaded loaded = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "embedded defaults");
            if (!loaded.ok()) {
                throw new IllegalStateException("the embedded defaults are invalid: " + loaded.problems());
            }
            return loaded;
        } catch (IOException e) {
            throw new UncheckedIOException("can not read the embedded defaults", e);
        }
    }

    /** Checks configuration text; {@code label} names the file in problems about the whole of it. */
    Loaded parse(String text, String label) {
        Findings findings = new Findings();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Located root = YamlReader.read(body, label, findings);
        if (root == null) {
            return failed(findings);
        }
        if (root.isMissing()) {
            findings.problem(root, "the file is empty; see docs/configuration.md for what it holds");
            return failed(findings);
        }
        if (!root.value().isObject()) {
            findings.problem(root, "must be a map of settings (server:, defaults:, models:)");
            return failed(findings);
        }
        if (root.value().has("models") && root.value().has("model_list")) {
            findings.problem(root, "holds both models: (Gatehouse's format) and model_list: (LiteLLM's); use one");
            return failed(findings);
        }
        Draft draft = root.value().has("model_list")
                ? LiteLlmFormat.read(root, findings, env)
                : GatehouseFormat.read(root, findings);
        Credentials credentials = new Credentials(env, files, findings, draft.plaintextAllowed(), storedSecrets);
        DeploymentReader reader = new DeploymentReader(findings, credentials, draft.defaults());
        List<Deployment> deployments = new ArrayList<>();
        for (DeploymentInput input : draft.deployments()) {
            Deployment deployment = reader.read(input);
            if (deployment != null) {
                deployments.add(deployment);
            }
        }
        Map<String, java.util.Set<String>> groups = AccessGroups.read(draft.deployments(), findings);
        RedisSettings redis = RedisSection.read(draft.redis(), findings, credentials);
        java.util.Set<String> served = new java.util.LinkedHashSet<>();
        draft.deployments().forEach(d -> served.add(d.publicName()));
        RoutingConfig routing = draft.routing().config(served);
        ObservabilitySettings observability = ObservabilitySection.read(draft.root(), findings, credentials);
        ConsoleSettings console = ConsoleSection.read(draft.root().get("console"), findings, credentials);
        boolean liteLlm = root.value().has("model_list");
        GuardrailPolicies guardrails = liteLlm ? LiteLlmGuardrails.read(root, findings)
                : GuardrailsSection.read(draft.root(), findings, credentials);
        CacheSettings cache = liteLlm ? LiteLlmCache.read(root, findings, env, redis != null)
                : CacheSection.read(root, findings, redis != null);
        dev.gatehouse.catalog.ModelCatalog catalog = liteLlm ? dev.gatehouse.catalog.ModelCatalog.bundled()
                : CatalogSection.read(root.get("catalog"), findings);
        if (findings.hasProblems()) {
            return failed(findings);
        }
        return new Loaded(new GatehouseConfig(draft.server(), deployments, reader.privateHosts(), groups,
                reader.prices(), draft.spend(), routing, redis, draft.limits(), draft.responses(), observability, console,
                guardrails, cache, catalog), List.of(),
                findings.warnings());
    }

    private static Loaded failed(Findings findings) {
        return new Loaded(null, findings.problems(), findings.warnings());
    }
}
