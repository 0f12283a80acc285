package dev.gatehouse.provider.openai;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.provider.Deployment;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where Azure OpenAI takes a request (chat, embeddings, images): the request and answer are OpenAI's,
 * the address and the key header are Azure's.
 *
 * <ul>
 *   <li>With an {@code api_version} option, the deployment-based form
 *       {@code {base}/openai/deployments/{deployment}/{operation}?api-version={version}}
 *       (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference), where the
 *       deployment is the Azure deployment name (the Gatehouse deployment's upstream model).</li>
 *   <li>Without one, the v1 API {@code {base}/openai/v1/{operation}}, where the body's
 *       {@code model} names the Azure deployment (openai-node's docs/azure.md).</li>
 * </ul>
 *
 * The Responses API ({@link #responses}) has no deployment in its address: the body's {@code model}
 * names the Azure deployment in both forms, {@code {base}/openai/v1/responses} and
 * {@code {base}/openai/responses?api-version={version}}
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/responses).
 *
 * The base URL is the resource's endpoint, {@code https://{resource}.openai.azure.com}; the key
 * goes in the {@code api-key} header.
 */
final class AzureEndpoint {

    static final String KEY_HEADER = "api-key";
    static final String API_VERSION = "api_version";
    /** Azure's API versions are dates, some with a suffix: 2024-10-21, 2025-04-01-preview. */
    private static final Pattern VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-[a-z]+)?");

    private AzureEndpoint() {}

    static URI chatCompletions(Deployment deployment, String azureDeployment) {
        return operation(deployment, azureDeployment, "chat/completions");
    }

    /**
     * Where embeddings are: {@code …/deployments/{deployment}/embeddings?api-version=…} or
     * {@code {base}/openai/v1/embeddings} (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference,
     * "Embeddings"; https://learn.microsoft.com/en-us/rest/api/microsoft-foundry/azureopenai/embeddings for v1).
     */
    static URI embeddings(Deployment deployment, String azureDeployment) {
        return operation(deployment, azureDeployment, "embeddings");
    }

    /**
     * Where images are generated ({@code images/generations}) or edited ({@code images/edits}), in the same
     * two forms (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/how-to/dall-e).
     */
    static URI images(Deployment deployment, String azureDeployment, boolean edit) {
        return operation(deployment, azureDeployment, edit ? "images/edits" : "images/generations");
    }

    /** {@code operation} at the deployment's address, or at the v1 API's when no api_version is set. */
    private static URI operation(Deployment deployment, String azureDeployment, String operation) {
        String base = base(deployment);
        String version = version(deployment);
        if (version == null) {
            return URI.create(base + "/openai/v1/" + operation);
        }
        return URI.create(base + "/openai/deployments/" + URLEncoder.encode(azureDeployment, StandardCharsets.UTF_8)
                .replace("+", "%20") + "/" + operation + "?api-version=" + version);
    }

    /** Where the Responses API is: the v1 path, or the api-version form when the deployment sets one. */
    static URI responses(Deployment deployment) {
        String base = base(deployment);
        String version = version(deployment);
        return URI.create(version == null ? base + "/openai/v1/responses"
                : base + "/openai/responses?api-version=" + version);
    }

    private static String base(Deployment deployment) {
        if (deployment.baseUrl() == null) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on Azure OpenAI has "
                    + "no base URL (https://{resource}.openai.azure.com).", "model");
        }
        String base = deployment.baseUrl().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /** The deployment's api_version, or null for the v1 API. */
    private static String version(Deployment deployment) {
        String version = deployment.options().get(API_VERSION);
        if (version != null && !isApiVersion(version)) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on Azure OpenAI has "
                    + "an api_version that is not a date such as 2024-10-21.", "model");
        }
        return version;
    }

    /** Whether {@code version} has the form of an Azure API version. */
    static boolean isApiVersion(String version) {
        return version != null && VERSION.matcher(version).matches();
    }
}
