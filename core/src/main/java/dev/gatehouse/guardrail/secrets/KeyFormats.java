package dev.gatehouse.guardrail.secrets;

import static dev.gatehouse.guardrail.secrets.CharClass.ALNUM;
import static dev.gatehouse.guardrail.secrets.CharClass.BASE64;
import static dev.gatehouse.guardrail.secrets.CharClass.BASE64URL;
import static dev.gatehouse.guardrail.secrets.CharClass.HEX;
import static dev.gatehouse.guardrail.secrets.CharClass.HEX_LOWER;
import static dev.gatehouse.guardrail.secrets.CharClass.UPPER_ALNUM;

import java.util.List;

/**
 * The documented key formats, one rule each: the prefix a provider puts on its keys and the shape
 * of the rest. The shapes follow each provider's documentation where it gives one, and otherwise
 * the facts collected by the public gitleaks and detect-secrets rule sets; docs/guardrails.md
 * ("Secret detection") lists them with their sources. Keys without a prefix (Azure OpenAI's 32 hex
 * characters, Mistral's, Cohere's, AWS secret access keys) are found by {@link Assignments} when
 * they stand next to a credential word.
 */
final class KeyFormats {

    private static final CharClass TOKEN_DOTTED = BASE64URL.plus(".");

    private KeyFormats() {
    }

    static List<Matcher> all() {
        return List.of(
                // OpenAI: project, service-account and admin keys; the legacy sk- form carries
                // "T3BlbkFJ" (base64 of "OpenAI") in its middle.
                KeyRule.of("openai_api_key", "sk-proj-", BASE64URL, 40, 250),
                KeyRule.of("openai_api_key", "sk-svcacct-", BASE64URL, 40, 250),
                KeyRule.of("openai_api_key", "sk-admin-", BASE64URL, 40, 250),
                KeyRule.of("openai_api_key", "sk-", ALNUM, 48, 48).checked(key -> contains(key, "T3BlbkFJ")),
                // Anthropic: sk-ant-api03-…, sk-ant-admin01-…, sk-ant-oat01-…
                KeyRule.of("anthropic_api_key", "sk-ant-", BASE64URL, 32, 250),
                KeyRule.of("openrouter_api_key", "sk-or-v1-", HEX_LOWER, 64, 64),
                // Google: API keys are AIza plus 35 characters; OAuth client secrets GOCSPX-.
                KeyRule.of("google_api_key", "AIza", BASE64URL, 35, 35),
                KeyRule.of("google_oauth_client_secret", "GOCSPX-", BASE64URL, 28, 28),
                KeyRule.of("google_oauth_access_token", "ya29.", BASE64URL, 30, 2048),
                // AWS access key ids: a 4-letter kind (long-term, temporary…) and 16 more.
                KeyRule.of("aws_access_key_id", "AKIA", UPPER_ALNUM, 16, 16),
                KeyRule.of("aws_access_key_id", "ASIA", UPPER_ALNUM, 16, 16),
                KeyRule.of("aws_access_key_id", "ABIA", UPPER_ALNUM, 16, 16),
                KeyRule.of("aws_access_key_id", "ACCA", UPPER_ALNUM, 16, 16),
                // Azure Storage connection strings carry the 512-bit account key in base64.
                KeyRule.of("azure_storage_account_key", "AccountKey=", BASE64.plus("="), 86, 90),
                // GitHub: classic tokens by kind (personal, OAuth, user-to-server, server-to-server,
                // refresh), then fine-grained personal tokens.
                KeyRule.of("github_token", "ghp_", ALNUM, 36, 255),
                KeyRule.of("github_token", "gho_", ALNUM, 36, 255),
                KeyRule.of("github_token", "ghu_", ALNUM, 36, 255),
                KeyRule.of("github_token", "ghs_", ALNUM, 36, 255),
                KeyRule.of("github_token", "ghr_", ALNUM, 36, 255),
                KeyRule.of("github_token", "github_pat_", ALNUM.plus("_"), 82, 255),
                // GitLab: personal, deploy, runner, pipeline-trigger, CI/CD job, OAuth app tokens.
                KeyRule.of("gitlab_token", "glpat-", TOKEN_DOTTED, 20, 300),
                KeyRule.of("gitlab_token", "gldt-", TOKEN_DOTTED, 20, 300),
                KeyRule.of("gitlab_token", "glrt-", TOKEN_DOTTED, 20, 300),
                KeyRule.of("gitlab_token", "glptt-", TOKEN_DOTTED, 20, 300),
                KeyRule.of("gitlab_token", "glcbt-", TOKEN_DOTTED, 20, 300),
                KeyRule.of("gitlab_token", "gloas-", TOKEN_DOTTED, 20, 300),
                // Slack: bot, user, app-level, refresh… tokens and incoming-webhook URLs.
                KeyRule.of("slack_token", "xoxb-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_token", "xoxp-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_token", "xoxa-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_token", "xoxr-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_token", "xoxe-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_token", "xapp-", BASE64URL, 20, 255).checked(KeyFormats::hasDigit),
                KeyRule.of("slack_webhook_url", "hooks.slack.com/services/", ALNUM.plus("/"), 20, 120),
                // Stripe: secret and restricted keys, live and test (publishable pk_ keys are public).
                KeyRule.of("stripe_secret_key", "sk_live_", ALNUM, 24, 247),
                KeyRule.of("stripe_secret_key", "sk_test_", ALNUM, 24, 247),
                KeyRule.of("stripe_secret_key", "rk_live_", ALNUM, 24, 247),
                KeyRule.of("stripe_secret_key", "rk_test_", ALNUM, 24, 247),
                KeyRule.of("stripe_webhook_secret", "whsec_", BASE64.plus("="), 32, 64),
                // Model providers and hubs.
                KeyRule.of("huggingface_token", "hf_", ALNUM, 30, 40).checked(key -> mixedCase(key, 3)),
                KeyRule.of("huggingface_token", "api_org_", ALNUM, 30, 40).checked(key -> mixedCase(key, 8)),
                KeyRule.of("groq_api_key", "gsk_", ALNUM, 48, 56),
                KeyRule.of("xai_api_key", "xai-", ALNUM, 70, 90),
                KeyRule.of("replicate_api_token", "r8_", ALNUM, 37, 40),
                KeyRule.of("perplexity_api_key", "pplx-", ALNUM, 40, 56),
                // Package registries, mail, hosting and developer tools.
                KeyRule.of("npm_token", "npm_", ALNUM, 36, 36),
                KeyRule.of("pypi_token", "pypi-AgEIcHlwaS5vcmc", BASE64URL, 50, 300),
                KeyRule.of("sendgrid_api_key", "SG.", TOKEN_DOTTED, 66, 66).checked(key -> key.charAt(3 + 22) == '.'),
                KeyRule.of("twilio_api_key", "SK", HEX_LOWER, 32, 32),
                KeyRule.of("shopify_token", "shpat_", HEX, 32, 32),
                KeyRule.of("shopify_token", "shpca_", HEX, 32, 32),
                KeyRule.of("shopify_token", "shppa_", HEX, 32, 32),
                KeyRule.of("shopify_token", "shpss_", HEX, 32, 32),
                KeyRule.of("digitalocean_token", "dop_v1_", HEX_LOWER, 64, 64),
                KeyRule.of("digitalocean_token", "doo_v1_", HEX_LOWER, 64, 64),
                KeyRule.of("databricks_token", "dapi", HEX_LOWER, 32, 32),
                KeyRule.of("linear_api_key", "lin_api_", ALNUM, 40, 40),
                KeyRule.of("notion_token", "ntn_", ALNUM, 40, 50),
                KeyRule.of("hashicorp_vault_token", "hvs.", BASE64URL, 24, 200),
                KeyRule.of("atlassian_api_token", "ATATT3", BASE64URL.plus("="), 150, 250),
                KeyRule.of("grafana_token", "glsa_", ALNUM.plus("_"), 32, 48),
                KeyRule.of("age_secret_key", "AGE-SECRET-KEY-1", UPPER_ALNUM, 58, 58),
                // Gatehouse's own keys, only with a correct checksum (docs/keys.md).
                KeyRule.of("gatehouse_virtual_key", "gtw_vk_", BASE64URL, 50, 50).checked(GatehouseKeyChecksum::valid),
                KeyRule.of("gatehouse_admin_key", "gtw_ak_", BASE64URL, 50, 50).checked(GatehouseKeyChecksum::valid),
                new AzureClientSecret(),
                new JsonWebToken(),
                new PemPrivateKey());
    }

    static boolean contains(CharSequence text, String part) {
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (KeyRule.regionEquals(text, i, part)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasDigit(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Random alphanumerics of 30+ characters nearly always mix cases; identifiers seldom do. */
    static boolean mixedCase(CharSequence key, int bodyStart) {
        boolean upper = false;
        boolean lower = false;
        for (int i = bodyStart; i < key.length(); i++) {
            char c = key.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }
}
