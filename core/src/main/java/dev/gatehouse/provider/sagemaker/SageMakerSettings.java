package dev.gatehouse.provider.sagemaker;

import dev.gatehouse.aws.AwsRegion;
import dev.gatehouse.provider.OptionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A SageMaker deployment's settings, checked where they are written. SageMaker Runtime signs
 * with an access key pair (and a session token for temporary credentials) in a region, and takes
 * no API key; the region also names the default host, runtime.sagemaker.{region}.amazonaws.com.
 * The options: {@code region} (required), {@code inference_component} (a SageMaker resource
 * name), and for the text-generation format ({@code sagemaker}) {@code prompt_template}
 * ({@link PromptTemplate}), {@code tgi_details} ({@link TgiRequestMapper}) and, for its
 * embeddings, {@code max_embedding_batch}.
 */
final class SageMakerSettings {

    /** The shared embedding option (EmbeddingBatches); only sagemaker embeds. */
    private static final String MAX_EMBEDDING_BATCH = "max_embedding_batch";
    /** SageMaker's resource names: letters, digits and inner dashes, at most 63 characters. */
    private static final Pattern RESOURCE_NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
    private static final Set<String> OPTIONS = Set.of(SageMakerProvider.REGION, SageMakerProvider.INFERENCE_COMPONENT,
            PromptTemplate.OPTION, TgiRequestMapper.DETAILS_OPTION, MAX_EMBEDDING_BATCH);
    private static final Set<String> TEXT_GENERATION_OPTIONS = Set.of(PromptTemplate.OPTION,
            TgiRequestMapper.DETAILS_OPTION, MAX_EMBEDDING_BATCH);

    private SageMakerSettings() {}

    static List<OptionCheck.Problem> check(String id, OptionCheck.Written written) {
        List<OptionCheck.Problem> problems = new ArrayList<>();
        credentials(written, problems);
        String region = written.options().get(SageMakerProvider.REGION);
        if (region == null) {
            problems.add(new OptionCheck.Problem(written.has("options") ? "options" : "", id + " needs the AWS region:"
                    + " options.region (aws_region_name in a LiteLLM file), such as us-east-1"));
        } else if (!AwsRegion.isName(region)) {
            problems.add(new OptionCheck.Problem("options." + SageMakerProvider.REGION,
                    "'" + region + "' is not an AWS region name, such as us-east-1"));
        }
        written.options().forEach((name, value) -> {
            if (!OPTIONS.contains(name)) {
                problems.add(new OptionCheck.Problem("options." + name, "unknown option of " + id + "; known: "
                        + (id.equals("sagemaker") ? OPTIONS : Set.of(SageMakerProvider.REGION,
                                SageMakerProvider.INFERENCE_COMPONENT))));
            } else if (TEXT_GENERATION_OPTIONS.contains(name) && !id.equals("sagemaker")) {
                problems.add(new OptionCheck.Problem("options." + name, "only sagemaker (the text-generation and"
                        + " embedding formats) takes " + name + "; sagemaker_chat sends the chat as it is"));
            }
        });
        String component = written.options().get(SageMakerProvider.INFERENCE_COMPONENT);
        if (component != null && !RESOURCE_NAME.matcher(component).matches()) {
            problems.add(new OptionCheck.Problem("options." + SageMakerProvider.INFERENCE_COMPONENT, "'" + component
                    + "' is not a SageMaker inference component name (letters, digits and dashes, at most 63)"));
        }
        String template = written.options().get(PromptTemplate.OPTION);
        if (template != null && PromptTemplate.of(template) == null) {
            problems.add(new OptionCheck.Problem("options." + PromptTemplate.OPTION,
                    "'" + template + "' is not a prompt template; known: plain, llama-2-chat"));
        }
        String details = written.options().get(TgiRequestMapper.DETAILS_OPTION);
        if (details != null && !details.equals("true") && !details.equals("false")) {
            problems.add(new OptionCheck.Problem("options." + TgiRequestMapper.DETAILS_OPTION, "must be true or false"));
        }
        return problems;
    }

    private static void credentials(OptionCheck.Written written, List<OptionCheck.Problem> problems) {
        boolean id = written.has(SageMakerProvider.ACCESS_KEY_ID);
        boolean secret = written.has(SageMakerProvider.SECRET_ACCESS_KEY);
        if (id != secret) {
            problems.add(new OptionCheck.Problem(id ? SageMakerProvider.SECRET_ACCESS_KEY
                    : SageMakerProvider.ACCESS_KEY_ID, "required with " + (id ? "aws_access_key_id"
                    : "aws_secret_access_key") + ": AWS signs with both"));
        } else if (!id) {
            problems.add(new OptionCheck.Problem("", "sagemaker needs AWS credentials: aws_access_key_id and"
                    + " aws_secret_access_key (env:NAME or file:/path; os.environ/NAME in a LiteLLM file)"));
        }
        if (written.has(SageMakerProvider.SESSION_TOKEN) && !(id && secret)) {
            problems.add(new OptionCheck.Problem(SageMakerProvider.SESSION_TOKEN,
                    "a session token is used only with aws_access_key_id and aws_secret_access_key"));
        }
        if (written.has("api_key")) {
            problems.add(new OptionCheck.Problem("api_key", "SageMaker Runtime takes no API key: it signs requests"
                    + " with aws_access_key_id and aws_secret_access_key"));
        }
    }
}
