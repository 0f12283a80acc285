package dev.gatehouse.aws;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import java.util.List;

/**
 * What a deployment on an AWS-hosted provider (Bedrock, SageMaker) carries under LiteLLM's names,
 * read once for both: its region option and its access key, secret and session token.
 */
public final class AwsDeployment {

    public static final String REGION = "region";
    public static final String ACCESS_KEY_ID = "aws_access_key_id";
    public static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
    public static final String SESSION_TOKEN = "aws_session_token";
    /** The credentials such a deployment may carry, beside (or instead of) an API key. */
    public static final List<String> CREDENTIAL_NAMES = List.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN);

    private AwsDeployment() {}

    /** The deployment's region; a 400 naming {@code provider} when it has none that is well formed. */
    public static String region(Deployment deployment, String provider) {
        String region = deployment.options().get(REGION);
        if (!AwsRegion.isName(region)) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on " + provider
                    + " needs a region option such as us-east-1.", "model");
        }
        return region;
    }

    /** The deployment's access key and secret (with its session token, if any); null when either is missing. */
    public static AwsCredentials credentials(Deployment deployment) {
        Secret id = deployment.credentials().get(ACCESS_KEY_ID);
        Secret secret = deployment.credentials().get(SECRET_ACCESS_KEY);
        if (id == null || secret == null) {
            return null;
        }
        return new AwsCredentials(id, secret, deployment.credentials().get(SESSION_TOKEN));
    }
}
