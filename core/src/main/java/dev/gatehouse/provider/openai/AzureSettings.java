package dev.gatehouse.provider.openai;

import dev.gatehouse.provider.OptionCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Azure OpenAI has no default address: every resource has its own endpoint. An api_version
 * picks the deployment-based address; without one the v1 API is called ({@link AzureEndpoint}).
 */
final class AzureSettings {

    private AzureSettings() {}

    static List<OptionCheck.Problem> check(OptionCheck.Written written) {
        List<OptionCheck.Problem> problems = new ArrayList<>();
        if (!written.has("base_url")) {
            problems.add(new OptionCheck.Problem("base_url", "required for provider azure: the resource's endpoint,"
                    + " such as https://my-resource.openai.azure.com"));
        }
        String version = written.options().get("api_version");
        if (version != null && !version.matches("\\d{4}-\\d{2}-\\d{2}(-[a-z]+)?")) {
            problems.add(new OptionCheck.Problem("options.api_version",
                    "'" + version + "' is not an Azure API version, such as 2024-10-21 or 2025-04-01-preview"));
        }
        return problems;
    }
}
