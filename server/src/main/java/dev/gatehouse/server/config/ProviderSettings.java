package dev.gatehouse.server.config;

import dev.gatehouse.provider.bedrock.BedrockProvider;
import java.util.Map;

/**
 * The settings some providers need beyond the common ones, checked where they are written:
 * Bedrock's region and AWS credentials, Azure's base URL and API version. The AWS credential
 * settings belong to Bedrock alone.
 */
final class ProviderSettings {

    private ProviderSettings() {}

    /** Whether the provider's credential rules are checked here rather than as a plain api_key. */
    static boolean checksItsOwnCredentials(String provider) {
        return provider.equals("bedrock");
    }

    static void check(String provider, DeploymentInput input, Map<String, String> options, Findings findings) {
        if (provider.equals("bedrock")) {
            bedrock(input, options, findings);
            return;
        }
        if (provider.equals("azure")) {
            azure(input, options, findings);
        }
        for (String name : DeploymentInput.AWS_CREDENTIALS) {
            if (!input.setting(name).isMissing()) {
                findings.problem(input.setting(name), "only the bedrock provider takes AWS credentials");
            }
        }
    }

    /**
     * Azure OpenAI has no default address: every resource has its own endpoint. An api_version
     * picks the deployment-based address; without one the v1 API is called.
     */
    private static void azure(DeploymentInput input, Map<String, String> options, Findings findings) {
        if (input.setting("base_url").isMissing()) {
            findings.problem(input.setting("base_url"), "required for provider azure: the resource's endpoint,"
                    + " such as https://my-resource.openai.azure.com");
        }
        String version = options.get("api_version");
        if (version != null && !version.matches("\\d{4}-\\d{2}-\\d{2}(-[a-z]+)?")) {
            Located at = input.setting("options").get("api_version");
            findings.problem(at.isMissing() ? input.setting("options") : at,
                    "'" + version + "' is not an Azure API version, such as 2024-10-21 or 2025-04-01-preview");
        }
    }

    /**
     * Bedrock signs with an access key pair (and a session token for temporary credentials) in a
     * region, or sends a Bedrock API key as api_key. The region also names the default host,
     * bedrock-runtime.{region}.amazonaws.com.
     */
    private static void bedrock(DeploymentInput input, Map<String, String> options, Findings findings) {
        Located idAt = input.setting("aws_access_key_id");
        Located secretAt = input.setting("aws_secret_access_key");
        Located tokenAt = input.setting("aws_session_token");
        Located keyAt = input.setting("api_key");
        boolean pair = !idAt.isMissing() && !secretAt.isMissing();
        if (idAt.isMissing() != secretAt.isMissing()) {
            Located missing = idAt.isMissing() ? idAt : secretAt;
            findings.problem(missing, "required with " + (idAt.isMissing() ? "aws_secret_access_key"
                    : "aws_access_key_id") + ": AWS signs with both");
        } else if (!pair && keyAt.isMissing()) {
            findings.problem(input.at(), "bedrock needs credentials: aws_access_key_id and aws_secret_access_key"
                    + " (env:NAME or file:/path; os.environ/NAME in a LiteLLM file), or a Bedrock API key as api_key");
        }
        if (!tokenAt.isMissing() && !pair) {
            findings.problem(tokenAt, "a session token is used only with aws_access_key_id and aws_secret_access_key");
        }
        if (pair && !keyAt.isMissing()) {
            findings.problem(keyAt, "give either AWS credentials or a Bedrock API key, not both");
        }
        String region = options.get(BedrockProvider.REGION);
        Located regionAt = input.setting("options").get(BedrockProvider.REGION);
        if (region == null) {
            if (pair || input.setting("base_url").isMissing()) {
                findings.problem(input.setting("options").isMissing() ? input.at() : input.setting("options"),
                        "bedrock needs the AWS region: options.region (aws_region_name in a LiteLLM file), such as"
                                + " us-east-1");
            }
        } else if (!BedrockProvider.isRegionName(region)) {
            findings.problem(regionAt, "'" + region + "' is not an AWS region name, such as us-east-1");
        }
    }
}
