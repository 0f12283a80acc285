package dev.gatehouse.provider.bedrock;

import dev.gatehouse.aws.AwsRegion;
import dev.gatehouse.provider.OptionCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * A Bedrock deployment's credentials and region, checked where they are written. Bedrock signs
 * with an access key pair (and a session token for temporary credentials) in a region, or sends a
 * Bedrock API key as api_key. The region also names the default host,
 * bedrock-runtime.{region}.amazonaws.com.
 */
final class BedrockSettings {

    private BedrockSettings() {}

    static List<OptionCheck.Problem> check(OptionCheck.Written written) {
        List<OptionCheck.Problem> problems = new ArrayList<>();
        boolean id = written.has(BedrockProvider.ACCESS_KEY_ID);
        boolean secret = written.has(BedrockProvider.SECRET_ACCESS_KEY);
        boolean key = written.has("api_key");
        boolean pair = id && secret;
        if (id != secret) {
            problems.add(new OptionCheck.Problem(id ? BedrockProvider.SECRET_ACCESS_KEY : BedrockProvider.ACCESS_KEY_ID,
                    "required with " + (id ? "aws_access_key_id" : "aws_secret_access_key") + ": AWS signs with both"));
        } else if (!pair && !key) {
            problems.add(new OptionCheck.Problem("", "bedrock needs credentials: aws_access_key_id and"
                    + " aws_secret_access_key (env:NAME or file:/path; os.environ/NAME in a LiteLLM file), or a Bedrock"
                    + " API key as api_key"));
        }
        if (written.has(BedrockProvider.SESSION_TOKEN) && !pair) {
            problems.add(new OptionCheck.Problem(BedrockProvider.SESSION_TOKEN,
                    "a session token is used only with aws_access_key_id and aws_secret_access_key"));
        }
        if (pair && key) {
            problems.add(new OptionCheck.Problem("api_key", "give either AWS credentials or a Bedrock API key, not both"));
        }
        String region = written.options().get(BedrockProvider.REGION);
        if (region == null) {
            if (pair || !written.has("base_url")) {
                problems.add(new OptionCheck.Problem(written.has("options") ? "options" : "", "bedrock needs the AWS"
                        + " region: options.region (aws_region_name in a LiteLLM file), such as us-east-1"));
            }
        } else if (!AwsRegion.isName(region)) {
            problems.add(new OptionCheck.Problem("options." + BedrockProvider.REGION,
                    "'" + region + "' is not an AWS region name, such as us-east-1"));
        }
        return problems;
    }
}
