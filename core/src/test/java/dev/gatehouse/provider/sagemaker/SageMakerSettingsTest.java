package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.secret.Secret;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A deployment's settings as written: AWS credentials, a region, and each option where it belongs. */
class SageMakerSettingsTest {

    private static final Set<String> KEYS = Set.of("aws_access_key_id", "aws_secret_access_key", "options");

    private static List<String> settings(String id, Set<String> given, Map<String, String> options, Secret key) {
        return SageMakerSettings.check(id, new OptionCheck.Written(given, options, key)).stream()
                .map(OptionCheck.Problem::setting).toList();
    }

    @Test
    void credentialsAndARegionAreEnough() {
        assertTrue(settings("sagemaker", KEYS, Map.of("region", "us-east-1"), null).isEmpty());
        assertTrue(settings("sagemaker_chat", KEYS, Map.of("region", "us-east-1", "inference_component", "ic-1"), null)
                .isEmpty());
    }

    @Test
    void missingOrHalfCredentialsAnApiKeyAndABadRegionAreNamed() {
        assertEquals(List.of(""), settings("sagemaker", Set.of("options"), Map.of("region", "us-east-1"), null));
        assertEquals(List.of("aws_secret_access_key"), settings("sagemaker", Set.of("aws_access_key_id", "options"),
                Map.of("region", "us-east-1"), null));
        assertEquals(List.of("api_key"), settings("sagemaker", Set.of("aws_access_key_id", "aws_secret_access_key",
                "api_key", "options"), Map.of("region", "us-east-1"), Secret.of("k")));
        assertEquals(List.of("options.region"), settings("sagemaker", KEYS, Map.of("region", "US East"), null));
        assertEquals(List.of(""), settings("sagemaker", Set.of("aws_access_key_id", "aws_secret_access_key"), Map.of(),
                null));
    }

    @Test
    void textGenerationOptionsBelongToSagemakerOnlyAndMustBeKnown() {
        assertTrue(settings("sagemaker", KEYS, Map.of("region", "us-east-1", "prompt_template", "llama-2-chat",
                "tgi_details", "true"), null).isEmpty());
        assertEquals(List.of("options.prompt_template"), settings("sagemaker_chat", KEYS,
                Map.of("region", "us-east-1", "prompt_template", "plain"), null));
        assertEquals(List.of("options.prompt_template"), settings("sagemaker", KEYS,
                Map.of("region", "us-east-1", "prompt_template", "chatml"), null));
        assertEquals(List.of("options.tgi_details"), settings("sagemaker", KEYS,
                Map.of("region", "us-east-1", "tgi_details", "yes"), null));
        assertEquals(List.of("options.colour"), settings("sagemaker", KEYS, Map.of("region", "us-east-1", "colour", "red"),
                null));
        assertEquals(List.of("options.inference_component"), settings("sagemaker", KEYS,
                Map.of("region", "us-east-1", "inference_component", "bad name"), null));
    }
}
