package dev.gatehouse.server.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No credential's value reaches a problem, a warning, or the text of a loaded configuration,
 * whichever way the credential was given and whatever is wrong around it.
 */
class NoSecretInMessagesTest {

    /** The credential every case below hides somewhere; each test also checks the environment's values. */
    private static final String SECRET = "sk-live-Nw8Qe3Rt6Yu";
    private static final Map<String, String> ENV = new HashMap<>(Configs.ENV);

    @TempDir
    static Path dir;
    private static Path openKeyFile;
    private static Path privateKeyFile;

    @BeforeAll
    static void keyFiles() throws IOException {
        ENV.put("THE_KEY", SECRET);
        openKeyFile = Files.writeString(dir.resolve("open.key"), SECRET + "\n");
        Files.setPosixFilePermissions(openKeyFile, PosixFilePermissions.fromString("rw-r--r--"));
        privateKeyFile = Files.writeString(dir.resolve("private.key"), SECRET + "\n");
        Files.setPosixFilePermissions(privateKeyFile, PosixFilePermissions.fromString("rw-------"));
    }

    static Stream<String> configurations() {
        String model = "models:\n  - name: m\n    provider: openai\n    model: gpt-4o\n";
        return Stream.of(
                model + "    api_key: " + SECRET + "\n",
                "allow_plaintext_credentials: true\n" + model + "    api_key: " + SECRET + "\n",
                "allow_plaintext_credentials: true\n" + model + "    api_key: ' " + SECRET + " '\n",
                model + "    api_key: env:THE_KEY\n",
                model + "    api_key: env:THE_KEY\n    base_url: http://api.example.com/v1\n",
                model + "    api_key: env:THE_KEY\n    timeout_seconds: 0\n    provider: twice\n",
                model + "    api_key: file:" + privateKeyFile + "\n",
                model + "    api_key: file:" + openKeyFile + "\n",
                model + "    api_key: secret:" + SECRET + "\n",
                model + "    api_key: env:" + SECRET + "\n",
                model + "    api_key: file:" + SECRET + "\n",
                model + "    api_key: [" + SECRET + "]\n",
                model + "    api_key: {value: " + SECRET + "}\n",
                model + "    api_kye: " + SECRET + "\n",
                model + "    api_key: env:THE_KEY\n    base_url: https://user:" + SECRET + "@example.com/v1\n",
                model + "    api_key: env:THE_KEY\n    base_url: https://example.com/v1?key=" + SECRET + "\n",
                model + "    api_key: env:THE_KEY\n    base_url: 'https://example.com/" + SECRET + " x'\n",
                model + "    api_key: " + SECRET + ": broken yaml\n",
                model + "    api_key: \"" + SECRET + "\n",
                model + "    api_key: [" + SECRET + "\n",
                model + "    api_key: " + SECRET + "\n    api_key: " + SECRET + "\n",
                "model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/gpt-4o\n      api_key: "
                        + SECRET + "\n",
                "model_list:\n  - model_name: m\n    litellm_params:\n      model: azure/gpt-4o\n      api_key: "
                        + SECRET + "\n      azure_ad_token: " + SECRET + "\n",
                "model_list: []\ngeneral_settings:\n  master_key: " + SECRET + "\nenvironment_variables:\n  K: "
                        + SECRET + "\nrouter_settings:\n  redis_password: " + SECRET + "\n",
                "model_list:\n  - model_name: m\n    litellm_params:\n      model: openai/m\n      api_key: "
                        + "os.environ/THE_KEY\n      api_base: http://" + SECRET + ".example.com\n");
    }

    @ParameterizedTest
    @MethodSource("configurations")
    void noMessageAndNoTextOfTheResultContainsTheCredential(String yaml) {
        ConfigLoader.Loaded loaded = new ConfigLoader(ENV::get).parse(yaml, "gatehouse.yaml");
        List<String> texts = new ArrayList<>(loaded.warnings());
        loaded.problems().forEach(p -> texts.add(p.location() + ": " + p.message()));
        texts.add(loaded.toString());
        assertTrue(loaded.ok() || !loaded.problems().isEmpty());
        for (String text : texts) {
            assertFalse(text.contains(SECRET) || text.contains("Nw8Qe3Rt6Yu"), () -> "leaked in: " + text);
            for (String value : Configs.ENV.values()) {
                assertFalse(!value.isBlank() && text.contains(value), () -> "leaked in: " + text);
            }
        }
    }

    @Test
    void theCasesCoverBothOutcomes() {
        long valid = configurations().map(y -> new ConfigLoader(ENV::get).parse(y, "g")).filter(l -> l.ok()).count();
        assertTrue(valid >= 3, "valid configurations, holding the credential, are checked too");
    }
}
