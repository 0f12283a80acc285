package dev.gatehouse.guardrail.secrets;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Generated keys in each documented format: random characters of the right alphabet and length,
 * never real keys (a fixed seed keeps every run the same). Each sample knows the kind the scanner
 * must report for it.
 */
final class SecretSamples {

    record Sample(String kind, String value) {
    }

    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String B64URL = ALNUM + "_-";
    static final String B64 = ALNUM + "+/";
    static final String HEX = "0123456789abcdef";

    private final Random random;

    SecretSamples(long seed) {
        this.random = new Random(seed);
    }

    String chars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** Alphanumerics with at least one of each case and a digit, as real generated keys have. */
    String mixed(int length) {
        String value = chars(ALNUM, length - 3);
        return value.substring(0, length / 2 - 2) + chars(UPPER, 1) + chars(LOWER, 1) + chars(DIGITS, 1)
                + value.substring(length / 2 - 2);
    }

    String jwt() {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String payload = url.encodeToString(("{\"sub\":\"" + chars(DIGITS, 10) + "\",\"name\":\"" + chars(LOWER, 8)
                + "\",\"iat\":" + chars(DIGITS, 10) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return header + "." + payload + "." + chars(B64URL, 43);
    }

    String pem(String label) {
        StringBuilder body = new StringBuilder("-----BEGIN " + label + "-----\n");
        for (int line = 0; line < 6; line++) {
            body.append(chars(B64, 64)).append('\n');
        }
        return body.append(chars(B64, 20)).append("==\n-----END ").append(label).append("-----").toString();
    }

    String gatehouseKey(String prefix) {
        String randomPart = chars(B64URL, GatehouseKeyChecksum.RANDOM_CHARS);
        return prefix + randomPart + "_" + GatehouseKeyChecksum.checksum(randomPart);
    }

    /** One sample of every kind the default rules know, in their documented shapes. */
    List<Sample> oneOfEach() {
        List<Sample> all = new ArrayList<>();
        Function<String, Sample> openai = v -> new Sample("openai_api_key", v);
        all.add(openai.apply("sk-proj-" + chars(B64URL, 74) + "T3BlbkFJ" + chars(B64URL, 74)));
        all.add(openai.apply("sk-svcacct-" + chars(B64URL, 58) + "T3BlbkFJ" + chars(B64URL, 58)));
        all.add(openai.apply("sk-admin-" + chars(B64URL, 58) + "T3BlbkFJ" + chars(B64URL, 58)));
        all.add(openai.apply("sk-" + mixed(20) + "T3BlbkFJ" + mixed(20)));
        all.add(new Sample("anthropic_api_key", "sk-ant-api03-" + chars(B64URL, 93) + "AA"));
        all.add(new Sample("anthropic_api_key", "sk-ant-admin01-" + chars(B64URL, 93) + "AA"));
        all.add(new Sample("openrouter_api_key", "sk-or-v1-" + chars(HEX, 64)));
        all.add(new Sample("google_api_key", "AIza" + chars(B64URL, 35)));
        all.add(new Sample("google_oauth_client_secret", "GOCSPX-" + chars(B64URL, 28)));
        all.add(new Sample("google_oauth_access_token", "ya29." + chars(B64URL, 150)));
        all.add(new Sample("aws_access_key_id", "AKIA" + chars(UPPER + "234567", 16)));
        all.add(new Sample("aws_access_key_id", "ASIA" + chars(UPPER + "234567", 16)));
        all.add(new Sample("azure_storage_account_key", "AccountKey=" + chars(B64, 86) + "=="));
        all.add(new Sample("azure_client_secret", chars(ALNUM, 3) + chars(DIGITS, 1) + "Q~" + chars(ALNUM + "_~.-", 33)));
        for (String kind : List.of("ghp_", "gho_", "ghu_", "ghs_", "ghr_")) {
            all.add(new Sample("github_token", kind + mixed(36)));
        }
        all.add(new Sample("github_token", "github_pat_11" + chars(UPPER + DIGITS, 20) + "_" + mixed(59)));
        all.add(new Sample("gitlab_token", "glpat-" + chars(B64URL, 20)));
        all.add(new Sample("gitlab_token", "glrt-" + chars(B64URL, 20)));
        all.add(new Sample("slack_token", "xoxb-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + mixed(24)));
        all.add(new Sample("slack_token", "xoxp-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 12) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 32)));
        all.add(new Sample("slack_token", "xapp-1-A" + chars(UPPER + DIGITS, 10) + "-" + chars(DIGITS, 13) + "-" + chars(HEX, 64)));
        all.add(new Sample("slack_webhook_url", "hooks.slack.com/services/T" + chars(UPPER + DIGITS, 8) + "/B"
                + chars(UPPER + DIGITS, 8) + "/" + mixed(24)));
        all.add(new Sample("stripe_secret_key", "sk_live_" + mixed(99)));
        all.add(new Sample("stripe_secret_key", "sk_test_" + mixed(24)));
        all.add(new Sample("stripe_secret_key", "rk_live_" + mixed(99)));
        all.add(new Sample("stripe_webhook_secret", "whsec_" + mixed(32)));
        all.add(new Sample("huggingface_token", "hf_" + mixed(34)));
        all.add(new Sample("groq_api_key", "gsk_" + mixed(52)));
        all.add(new Sample("xai_api_key", "xai-" + mixed(80)));
        all.add(new Sample("replicate_api_token", "r8_" + mixed(37)));
        all.add(new Sample("perplexity_api_key", "pplx-" + mixed(48)));
        all.add(new Sample("npm_token", "npm_" + mixed(36)));
        all.add(new Sample("pypi_token", "pypi-AgEIcHlwaS5vcmc" + chars(B64URL, 150)));
        all.add(new Sample("sendgrid_api_key", "SG." + chars(B64URL, 22) + "." + chars(B64URL, 43)));
        all.add(new Sample("twilio_api_key", "SK" + chars(HEX, 32)));
        all.add(new Sample("shopify_token", "shpat_" + chars(HEX, 32)));
        all.add(new Sample("digitalocean_token", "dop_v1_" + chars(HEX, 64)));
        all.add(new Sample("databricks_token", "dapi" + chars(HEX, 32)));
        all.add(new Sample("linear_api_key", "lin_api_" + mixed(40)));
        all.add(new Sample("notion_token", "ntn_" + mixed(46)));
        all.add(new Sample("hashicorp_vault_token", "hvs." + chars(B64URL, 90)));
        all.add(new Sample("atlassian_api_token", "ATATT3xFfGF0" + chars(B64URL, 170) + "=" + chars(HEX.toUpperCase(java.util.Locale.ROOT), 8)));
        all.add(new Sample("grafana_token", "glsa_" + mixed(32) + "_" + chars(HEX, 8)));
        all.add(new Sample("age_secret_key", "AGE-SECRET-KEY-1" + chars(UPPER + DIGITS, 58)));
        all.add(new Sample("gatehouse_virtual_key", gatehouseKey("gtw_vk_")));
        all.add(new Sample("gatehouse_admin_key", gatehouseKey("gtw_ak_")));
        all.add(new Sample("jwt", jwt()));
        for (String label : List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK")) {
            all.add(new Sample("private_key", pem(label)));
        }
        return all;
    }

    /** Values with no prefix, which need a credential name next to them; each holds its name. */
    List<Sample> assignments() {
        return List.of(
                new Sample("aws_secret_access_key", "aws_secret_access_key = " + chars(B64, 40)),
                new Sample("high_entropy_secret", "AZURE_OPENAI_API_KEY=" + chars(HEX, 32)),
                new Sample("high_entropy_secret", "\"mistral_api_key\": \"" + mixed(32) + "\""),
                new Sample("high_entropy_secret", "COHERE_API_KEY: " + mixed(40)),
                new Sample("high_entropy_secret", "db.password=" + mixed(12) + "!#" + mixed(8)),
                new Sample("high_entropy_secret", "client_secret: '" + chars(B64URL, 40) + "'"),
                new Sample("high_entropy_secret", "SECRET_KEY = '" + chars(LOWER + DIGITS, 40) + "'"),
                new Sample("high_entropy_secret", "api_token: " + chars(B64, 24) + "/" + chars(B64, 8) + "/" + chars(B64, 8)),
                new Sample("bearer_token", "Authorization: Bearer " + mixed(48)));
    }
}
