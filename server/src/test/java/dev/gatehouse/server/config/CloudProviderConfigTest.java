package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock's and Azure OpenAI's settings, in Gatehouse's format and in LiteLLM's. */
class CloudProviderConfigTest {

    private static Deployment only(String yaml) {
        return loadOk(yaml).config().deployments().getFirst();
    }

    private static String bedrock(String... lines) {
        StringBuilder yaml = new StringBuilder("models:\n  - name: claude\n    provider: bedrock\n"
                + "    model: us.anthropic.claude-sonnet-4-5-20250929-v1:0\n");
        for (String line : lines) {
            yaml.append("    ").append(line).append('\n');
        }
        return yaml.toString();
    }

    @Test
    void bedrockWithAnAccessKeyPairAndARegion() {
        Deployment d = only(bedrock("aws_access_key_id: env:AWS_ACCESS_KEY_ID",
                "aws_secret_access_key: env:AWS_SECRET_ACCESS_KEY", "aws_session_token: env:AWS_SESSION_TOKEN",
                "options:", "  region: eu-central-1"));
        assertEquals("bedrock", d.provider());
        assertEquals("us.anthropic.claude-sonnet-4-5-20250929-v1:0", d.upstreamModel());
        assertEquals(Map.of("region", "eu-central-1"), d.options());
        assertEquals(Secret.of(Configs.ENV.get("AWS_ACCESS_KEY_ID")), d.credentials().get("aws_access_key_id"));
        assertEquals(Secret.of(Configs.ENV.get("AWS_SECRET_ACCESS_KEY")), d.credentials().get("aws_secret_access_key"));
        assertEquals(Secret.of(Configs.ENV.get("AWS_SESSION_TOKEN")), d.credentials().get("aws_session_token"));
        assertNull(d.apiKey());
        assertNull(d.baseUrl(), "the host comes from the region: bedrock-runtime.eu-central-1.amazonaws.com");
    }

    @Test
    void bedrockWithAnApiKey() {
        Deployment d = only(bedrock("api_key: env:AWS_BEARER_TOKEN_BEDROCK", "options: {region: us-east-1}"));
        assertEquals(Secret.of(Configs.ENV.get("AWS_BEARER_TOKEN_BEDROCK")), d.apiKey());
        assertTrue(d.credentials().isEmpty());
    }

    @Test
    void bedrockNeedsCredentialsAndARegion() {
        assertProblem(load(bedrock("options: {region: us-east-1}")), "models[0] (line 2)",
                "bedrock needs credentials: aws_access_key_id and aws_secret_access_key");
        assertProblem(load(bedrock("aws_access_key_id: env:AWS_ACCESS_KEY_ID", "options: {region: us-east-1}")),
                "models[0].aws_secret_access_key (line 2)", "required with aws_access_key_id");
        assertProblem(load(bedrock("aws_access_key_id: env:AWS_ACCESS_KEY_ID",
                "aws_secret_access_key: env:AWS_SECRET_ACCESS_KEY")), "models[0] (line 2)",
                "bedrock needs the AWS region: options.region");
        assertProblem(load(bedrock("api_key: env:AWS_BEARER_TOKEN_BEDROCK", "options: {region: 'us east'}")),
                "models[0].options.region (line 6)", "'us east' is not an AWS region name");
        assertProblem(load(bedrock("api_key: env:AWS_BEARER_TOKEN_BEDROCK", "aws_session_token: env:AWS_SESSION_TOKEN",
                "options: {region: us-east-1}")), "models[0].aws_session_token (line 6)",
                "a session token is used only with aws_access_key_id and aws_secret_access_key");
        assertProblem(load(bedrock("aws_access_key_id: env:AWS_ACCESS_KEY_ID",
                "aws_secret_access_key: env:AWS_SECRET_ACCESS_KEY", "api_key: env:AWS_BEARER_TOKEN_BEDROCK",
                "options: {region: us-east-1}")), "models[0].api_key (line 7)", "not both");
    }

    @Test
    void awsCredentialsAreRefusedElsewhereAndNeverPrinted() {
        ConfigLoader.Loaded loaded = load("models:\n  - name: m\n    provider: openai\n    model: gpt-4o\n"
                + "    api_key: env:OPENAI_API_KEY\n    aws_access_key_id: env:AWS_ACCESS_KEY_ID\n");
        assertProblem(loaded, "models[0].aws_access_key_id (line 6)",
                "only the bedrock, sagemaker or sagemaker_chat provider takes AWS credentials");
        assertFalse(loaded.problems().toString().contains(Configs.ENV.get("AWS_ACCESS_KEY_ID")));
        ConfigLoader.Loaded literal = load(bedrock("aws_access_key_id: AKIAIOSFODNN7LITERAL",
                "aws_secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYLITERAL", "options: {region: us-east-1}"));
        assertProblem(literal, "models[0].aws_secret_access_key (line 6)", "a credential written into the configuration");
        assertFalse(literal.problems().toString().contains("LITERAL"));
    }

    @Test
    void azureNeedsItsResourceEndpoint() {
        String azure = "models:\n  - name: gpt-4o\n    provider: azure\n    model: my-deployment\n"
                + "    api_key: env:AZURE_API_KEY\n";
        Deployment d = only(azure + "    base_url: https://my-resource.openai.azure.com\n"
                + "    options: {api_version: 2024-10-21}\n");
        assertEquals(URI.create("https://my-resource.openai.azure.com"), d.baseUrl());
        assertEquals(Map.of("api_version", "2024-10-21"), d.options());
        assertProblem(load(azure), "models[0].base_url (line 2)", "required for provider azure");
        assertProblem(load(azure + "    base_url: https://my-resource.openai.azure.com\n"
                + "    options: {api_version: latest}\n"), "models[0].options.api_version (line 7)",
                "'latest' is not an Azure API version");
    }

    @Test
    void nativeResponsesIsTrueOrFalseOnOpenAiAndAzure() {
        String openAi = "models:\n  - name: coder\n    provider: openai\n    model: gpt-5-codex\n"
                + "    api_key: env:OPENAI_API_KEY\n";
        assertEquals(Map.of("native_responses", "false"),
                only(openAi + "    options: {native_responses: false}\n").options());
        assertProblem(load(openAi + "    options: {native_responses: nope}\n"),
                "models[0].options.native_responses (line 6)", "'nope' is not true or false");
    }

    @Test
    void liteLlmBedrockEntriesTranslate() {
        Deployment d = only("""
                model_list:
                  - model_name: claude
                    litellm_params:
                      model: bedrock/converse/anthropic.claude-3-5-sonnet-20240620-v1:0
                      aws_access_key_id: os.environ/AWS_ACCESS_KEY_ID
                      aws_secret_access_key: os.environ/AWS_SECRET_ACCESS_KEY
                      aws_session_token: os.environ/AWS_SESSION_TOKEN
                      aws_region_name: us-west-2
                """);
        assertEquals("bedrock", d.provider());
        assertEquals("anthropic.claude-3-5-sonnet-20240620-v1:0", d.upstreamModel());
        assertEquals(Map.of("region", "us-west-2"), d.options());
        assertEquals(3, d.credentials().size());
    }

    @Test
    void liteLlmAzureEntriesTranslate() {
        Deployment d = only("""
                model_list:
                  - model_name: gpt-4o
                    litellm_params:
                      model: azure/my-gpt-4o
                      api_base: https://my-endpoint.openai.azure.com/
                      api_key: os.environ/AZURE_API_KEY
                      api_version: "2024-08-01-preview"
                """);
        assertEquals("azure", d.provider());
        assertEquals("my-gpt-4o", d.upstreamModel());
        assertEquals(URI.create("https://my-endpoint.openai.azure.com"), d.baseUrl());
        assertEquals(Map.of("api_version", "2024-08-01-preview"), d.options());
    }
}
