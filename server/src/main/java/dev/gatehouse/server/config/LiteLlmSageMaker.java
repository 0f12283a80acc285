package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.function.Function;

/**
 * What LiteLLM's {@code sagemaker/} and {@code sagemaker_chat/} entries leave to AWS's defaults,
 * made explicit: LiteLLM signs with boto3's credentials, which without {@code aws_access_key_id}
 * come from the environment variables {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}
 * and {@code AWS_SESSION_TOKEN}, and takes the region from {@code aws_region_name}, else
 * {@code AWS_REGION_NAME} or {@code AWS_REGION} in the environment, else us-west-2
 * (https://docs.litellm.ai/docs/providers/aws_sagemaker, "API KEYS"; LiteLLM's SageMaker
 * handler defaults to us-west-2). Gatehouse reads the same variables, as env: references (a
 * variable that is not set is a problem naming it), so that LiteLLM's own example entry
 * ({@code model: sagemaker/<endpoint>} and nothing else) is served as LiteLLM serves it.
 * Boto3's other sources (a shared credentials file, an instance role) are not read.
 */
final class LiteLlmSageMaker {

    static final String DEFAULT_REGION = "us-west-2";

    private LiteLlmSageMaker() {}

    static boolean serves(String provider) {
        return provider.equals("sagemaker") || provider.equals("sagemaker_chat");
    }

    /** Fills in the credentials and the region an entry leaves to AWS's defaults. */
    static void defaults(Located params, Map<String, Located> settings, Function<String, String> env,
            Findings findings) {
        if (params.get("aws_access_key_id").isMissing() && params.get("aws_secret_access_key").isMissing()) {
            settings.put("aws_access_key_id", params.with(TextNode.valueOf("env:AWS_ACCESS_KEY_ID")));
            settings.put("aws_secret_access_key", params.with(TextNode.valueOf("env:AWS_SECRET_ACCESS_KEY")));
            String token = env.apply("AWS_SESSION_TOKEN");
            if (params.get("aws_session_token").isMissing() && token != null && !token.isBlank()) {
                settings.put("aws_session_token", params.with(TextNode.valueOf("env:AWS_SESSION_TOKEN")));
            }
        }
        if (params.get("aws_region_name").isMissing()) {
            String region = null;
            for (String name : new String[] {"AWS_REGION_NAME", "AWS_REGION"}) { // the later wins, as in LiteLLM
                String value = env.apply(name);
                if (value != null && !value.isBlank()) {
                    region = value.strip();
                }
            }
            if (region == null) {
                region = DEFAULT_REGION;
                findings.warn(params, "no aws_region_name, and neither AWS_REGION_NAME nor AWS_REGION is set: the"
                        + " endpoint is called in LiteLLM's default region, " + DEFAULT_REGION);
            }
            Located written = settings.get("options");
            ObjectNode options = written != null && written.value().isObject()
                    ? ((ObjectNode) written.value()).deepCopy() : JsonNodeFactory.instance.objectNode();
            options.put("region", region);
            settings.put("options", written != null && !written.isMissing() ? written.with(options) : params.with(options));
        }
    }
}
