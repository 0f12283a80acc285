package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Loading configuration text in tests, with a fixed environment, and asserting on what was found. */
final class Configs {

    /** Values no message may ever contain: every test environment's credentials. */
    static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("OPENAI_API_KEY", "sk-test-openai-Zq81xV"),
            Map.entry("ANTHROPIC_API_KEY", "sk-ant-test-Pw27kR"),
            Map.entry("OPENROUTER_API_KEY", "sk-or-test-Lm55tB"),
            Map.entry("GEMINI_API_KEY", "AIza-test-Gh90sD"),
            Map.entry("TOGETHER_API_KEY", "tg-test-Yu12qE"),
            Map.entry("TOGETHERAI_API_KEY", "tg-test-Yu12qE"),
            Map.entry("BFL_API_KEY", "bfl-test-Ks48nW"),
            Map.entry("LITELLM_MASTER_KEY", "sk-master-test-Qa61cZ"),
            Map.entry("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7TESTKEY"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYTESTKEY"),
            Map.entry("AWS_SESSION_TOKEN", "FwoGZXIvYXdzETestSessionToken"),
            Map.entry("AWS_BEARER_TOKEN_BEDROCK", "ABSKQmVkcm9ja0FQSUtleTestKey"),
            Map.entry("AZURE_API_KEY", "azure-test-key-Vb40nM"),
            Map.entry("COHERE_API_KEY", "co-test-key-Ht73pW"),
            Map.entry("VERTEX_SERVICE_ACCOUNT_KEY", dev.gatehouse.testkit.google.FakeGoogleOAuth
                    .newServiceAccountJson("https://oauth2.googleapis.com/token")),
            Map.entry("EMPTY_KEY", "  "));

    private Configs() {}

    static ConfigLoader loader() {
        return new ConfigLoader(ENV::get);
    }

    static ConfigLoader loader(Function<String, String> env) {
        return new ConfigLoader(env);
    }

    static ConfigLoader.Loaded load(String yaml) {
        return loader().parse(yaml, "gatehouse.yaml");
    }

    /** Loads text that must be valid, failing with every problem otherwise. */
    static ConfigLoader.Loaded loadOk(String yaml) {
        ConfigLoader.Loaded loaded = load(yaml);
        if (!loaded.ok()) {
            fail("expected a valid configuration, got " + loaded.problems());
        }
        return loaded;
    }

    /** Asserts a problem at exactly {@code location} (with its line) whose message contains {@code text}. */
    static void assertProblem(ConfigLoader.Loaded loaded, String location, String text) {
        assertTrue(loaded.problems().stream().anyMatch(p -> p.location().equals(location)
                        && p.message().contains(text)),
                () -> "expected a problem at " + location + " containing '" + text + "', got " + loaded.problems());
        assertEquals(null, loaded.config(), "no configuration when there are problems");
    }

    /** Asserts a problem at {@code path} (any line) whose message contains {@code text}. */
    static void assertProblemAt(ConfigLoader.Loaded loaded, String path, String text) {
        assertTrue(loaded.problems().stream().anyMatch(p -> isAt(p.location(), path) && p.message().contains(text)),
                () -> "expected a problem at " + path + " containing '" + text + "', got " + loaded.problems());
        assertEquals(null, loaded.config(), "no configuration when there are problems");
    }

    /** Asserts a warning about {@code path} containing {@code text}. */
    static void assertWarning(ConfigLoader.Loaded loaded, String path, String text) {
        assertTrue(loaded.warnings().stream().anyMatch(w -> (w.startsWith(path + ": ") || w.startsWith(path + " (line "))
                        && w.contains(text)),
                () -> "expected a warning at " + path + " containing '" + text + "', got " + loaded.warnings());
    }

    static String read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> locations(ConfigLoader.Loaded loaded) {
        return loaded.problems().stream().map(ConfigProblem::location).toList();
    }

    private static boolean isAt(String location, String path) {
        return location.equals(path) || location.startsWith(path + " (line ");
    }
}
