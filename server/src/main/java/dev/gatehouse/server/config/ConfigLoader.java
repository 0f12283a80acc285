package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.cache.CacheSettings;
import dev.gatehouse.server.redis.RedisSettings;
import dev.gatehouse.server.store.StoreSettings;
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
    private final Function<String, java.util.Optional<String>> bareModels;

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

    /** A loader reading the real file system and the environment variables {@code env} gives. */
    public static ConfigLoader reading(Function<String, String> env) {
        return new ConfigLoader(env, FileAccess.SYSTEM);
    }

    ConfigLoader(Function<String, String> env) {
        this(env, FileAccess.SYSTEM);
    }

    ConfigLoader(Function<String, String> env, FileAccess files) {
        this(env, files, null);
    }

    private ConfigLoader(Function<String, String> env, FileAccess files, StoredSecrets storedSecrets) {
        this(env, files, storedSecrets, BareModels.bundled());
    }

    private ConfigLoader(Function<String, String> env, FileAccess files, StoredSecrets storedSecrets,
            Function<String, java.util.Optional<String>> bareModels) {
        this.env = Objects.requireNonNull(env, "env");
        this.files = Objects.requireNonNull(files, "files");
        this.storedSecrets = storedSecrets;
        this.bareModels = Objects.requireNonNull(bareModels, "bareModels");
    }

    /** This loader, resolving {@code secret:NAME} references from {@code stored}. */
    public ConfigLoader withStoredSecrets(StoredSecrets stored) {
        return new ConfigLoader(env, files, Objects.requireNonNull(stored, "stored"), bareModels);
    }

    /**
     * This loader, inferring the provider of a model written without one ({@code gpt-4o}) with
     * {@code providerOf}: a bare model name to a Gatehouse provider id, empty when unknown. The
     * default asks the bundled model catalog, as LiteLLM asks its map ({@link BareModels}).
     */
    public ConfigLoader withBareModels(Function<String, java.util.Optional<String>> providerOf) {
        return new ConfigLoader(env, files, storedSecrets, Objects.requireNonNull(providerOf, "providerOf"));
    }

    /**
     * The outcome of loading: a configuration, or the problems that prevent one, and the warnings
     * to show at every start either way.
     *
     * @param config   the configuration; null when there are problems
     * @param problems what must change before Gatehouse runs with this file, in file order
     * @param warnings what Gatehouse accepts but the operator should know, in file order
     * @param notes    what Gatehouse decided for the file (a provider it inferred), in file order
     */
    public record Loaded(GatehouseConfig config, List<ConfigProblem> problems, List<String> warnings,
            List<String> notes) {

        /** An outcome without notes. */
        public Loaded(GatehouseConfig config, List<ConfigProblem> problems, List<String> warnings) {
            this(config, problems, warnings, List.of());
        }

        public Loaded {
            problems = List.copyOf(problems);
            warnings = List.copyOf(warnings);
            notes = List.copyOf(notes);
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
        Findings findings = new Findings();
        String text = text(file, findings);
        return text == null ? failed(findings) : parse(text, label(file));
    }

    /**
     * The store {@code file} names ({@code store.url}, or LiteLLM's {@code general_settings.database_url}),
     * read alone: the store is opened before the rest of the file, whose {@code secret:NAME}
     * references are read from it. Empty settings when the file names none.
     */
    public StoreFromFile store(Path file) {
        Findings findings = new Findings();
        String text = text(file, findings);
        Located root = text == null ? null : YamlReader.read(text.startsWith("\uFEFF") ? text.substring(1) : text,
                label(file), findings);
        if (root == null || root.isMissing() || !root.value().isObject()) {
            return new StoreFromFile(java.util.Optional.empty(), findings.problems());
        }
        boolean plaintext = root.value().path("allow_plaintext_credentials").asBoolean(false);
        Credentials credentials = new Credentials(env, files, findings, plaintext, null);
        java.util.Optional<StoreSettings> settings =
                StoreSection.read(root, root.value().has("model_list"), findings, credentials);
        return new StoreFromFile(findings.hasProblems() ? java.util.Optional.empty() : settings, findings.problems());
    }

    /**
     * The store a configuration file names, or why it can not be read.
     *
     * @param settings the store; empty when the file names none or has problems
     * @param problems what is wrong with the file's store setting (or with reading the file)
     */
    public record StoreFromFile(java.util.Optional<StoreSettings> settings, List<ConfigProblem> problems) {
        public StoreFromFile {
            Objects.requireNonNull(settings, "settings");
            problems = List.copyOf(problems);
        }
    }

    private static String label(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    /** The file's text; null when it can not be read (then with a problem). */
    private String text(Path file, Findings findings) {
        Located whole = Located.root(MissingNode.getInstance(), label(file), Map.of());
        if (!files.isRegularFile(file)) {
            findings.problem(whole, "the file does not exist or is not a regular file");
            return null;
        }
        byte[] bytes;
        try {
            bytes = files.read(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            findings.problem(whole, "the file can not be read");
            return null;
        }
        if (bytes.length > MAX_FILE_BYTES) {
            findings.problem(whole, "the file is larger than " + MAX_FILE_BYTES + " bytes");
            return null;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            findings.problem(whole, "the file is not UTF-8 text");
            return null;
        }
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
                ? LiteLlmFormat.read(root, findings, env, bareModels)
                : GatehouseFormat.read(root, findings);
        Credentials credentials = new Credentials(env, files, findings, draft.plaintextAllowed(), storedSecrets);
        // Checked here for config check; the store itself is opened from store(Path), before the rest.
        StoreSection.read(root, root.value().has("model_list"), findings, credentials);
        DeploymentReader reader = new DeploymentReader(findings, credentials, draft.defaults(), bareModels);
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
        RoutingConfig routing = draft.routing().config(served).withNames(draft.names().names(served, bareModels));
        boolean liteLlm = root.value().has("model_list");
        boolean liteLlmOtel = liteLlm && LiteLlmCallbacks.read(root, findings, env);
        ObservabilitySettings observability = ObservabilitySection.read(draft.root(), findings, credentials,
                liteLlmOtel);
        ConsoleSettings console = ConsoleSection.read(draft.root().get("console"), findings, credentials);
        GuardrailPolicies guardrails = liteLlm ? LiteLlmGuardrails.read(root, findings)
                : GuardrailsSection.read(draft.root(), findings, credentials);
        CacheSettings cache = liteLlm ? LiteLlmCache.read(root, findings, env, redis != null)
                : CacheSection.read(root, findings, redis != null);
        dev.gatehouse.catalog.ModelCatalog catalog = liteLlm ? dev.gatehouse.catalog.ModelCatalog.bundled()
                : CatalogSection.read(root.get("catalog"), findings);
        if (findings.hasProblems()) {
            return failed(findings);
        }
        guardrails = guardrails.withAliases(routing.names().aliases());
        return new Loaded(new GatehouseConfig(draft.server(), deployments, reader.privateHosts(), groups,
                reader.prices(), draft.spend(), routing, redis, draft.limits(), draft.responses(), observability, console,
                guardrails, cache, catalog), List.of(),
                findings.warnings(), findings.notes());
    }

    private static Loaded failed(Findings findings) {
        return new Loaded(null, findings.problems(), findings.warnings(), findings.notes());
    }
}
