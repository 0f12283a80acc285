package dev.gatehouse.server.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * LiteLLM's {@code model: azure/} with no deployment. LiteLLM then calls Azure's DALL·E 2 preview
 * API, the only Azure OpenAI API without a deployment in its address
 * ({@code POST {base}/openai/images/generations:submit?api-version=2023-06-01-preview}, then polling
 * an operation), which Azure retired with DALL·E 2
 * (https://learn.microsoft.com/en-us/azure/ai-foundry/openai/concepts/legacy-models). Every Azure
 * OpenAI call today names a deployment, so Gatehouse reads the entry as the deployment named like
 * its {@code model_name}, on Azure's v1 API, and says so.
 */
final class LiteLlmAzure {

    /** Azure's deployment names: letters, digits, '-', '_' and '.', 2 to 64 of them. */
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,63}");

    private LiteLlmAzure() {}

    /** The deployment an entry without one is read as; null (with a problem) when the model_name can not be one. */
    static String deploymentless(String name, Located modelAt, Findings findings) {
        if (!DEPLOYMENT.matcher(name).matches()) {
            findings.problem(modelAt, "names no Azure deployment: write azure/DEPLOYMENT, the name of a deployment in"
                    + " your Azure OpenAI resource (LiteLLM's azure/ alone calls Azure's retired DALL·E 2 preview API)");
            return null;
        }
        findings.warn(modelAt, "names no Azure deployment: LiteLLM then calls Azure's DALL·E 2 preview API"
                + " (images/generations:submit), which Azure has retired; Gatehouse calls the deployment named '"
                + name + "' (the model_name) on Azure's v1 API, without the entry's api_version. Create a deployment"
                + " of that name (of gpt-image-1, say), or write azure/DEPLOYMENT");
        return name;
    }

    /** The entry without its api_version, which named the retired API's version: Azure's v1 API is used. */
    static Located withoutApiVersion(Located params) {
        if (!params.value().isObject() || !params.value().has("api_version")) {
            return params;
        }
        ObjectNode copy = ((ObjectNode) params.value()).deepCopy();
        copy.remove("api_version");
        return params.with(copy);
    }
}
