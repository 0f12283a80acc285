package dev.gatehouse.guardrail.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.guardrail.Finding;
import dev.gatehouse.guardrail.Masking;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretScannerTest {

    private final SecretSamples samples = new SecretSamples(42);
    private final SecretScanner scanner = SecretScanner.defaults();

    @Test
    void reportsKindCategoryAndPlaceNeverTheText() {
        String key = "AKIA" + samples.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        String text = "my aws id is " + key + ", thanks";
        List<Finding> findings = scanner.scan(text);
        assertEquals(List.of(new Finding("aws_access_key_id", Finding.Category.SECRET, 13, 33)), findings);
        assertFalse(findings.toString().contains(key));
        assertEquals("my aws id is [REDACTED:aws_access_key_id], thanks", Masking.mask(text, findings));
    }

    @Test
    void gatehouseKeysNeedTheirChecksum() {
        String key = samples.gatehouseKey("gtw_vk_");
        assertEquals("gatehouse_virtual_key", scanner.scan("Bearer-less: " + key).get(0).kind());
        char last = key.charAt(key.length() - 1);
        String wrongChecksum = key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertEquals(List.of(), scanner.scan("key " + wrongChecksum + " here"), "a look-alike is not a Gatehouse key");
    }

    @Test
    void keysInsideJsonEscapedTextAreFound() {
        String key = "ghp_" + samples.mixed(36);
        List<Finding> findings = scanner.scan("{\"content\":\"first line\\n" + key + "\\nlast\"}");
        assertEquals(1, findings.size());
        assertEquals("github_token", findings.get(0).kind());
    }

    @Test
    void aKnownFormatAfterACredentialNameKeepsItsOwnKind() {
        String key = "sk-ant-api03-" + samples.chars(SecretSamples.B64URL, 93) + "AA";
        List<Finding> findings = scanner.scan("ANTHROPIC_API_KEY=" + key);
        assertEquals(List.of(new Finding("anthropic_api_key", Finding.Category.SECRET, 18, 18 + key.length())), findings);
    }

    @Test
    void assignmentsReportOnlyTheValue() {
        String value = samples.mixed(32);
        String text = "\"api_key\": \"" + value + "\"";
        List<Finding> findings = scanner.scan(text);
        assertEquals(1, findings.size());
        assertEquals("\"api_key\": \"[REDACTED:high_entropy_secret]\"", Masking.mask(text, findings));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "password: see the vault",
        "token = getToken(request)",
        "api_key: ${OPENAI_API_KEY}",
        "PASSWORD=changeme123456789012",
        "max_tokens: 4096",
        "secret_id: sec_01HZY3",
        "sk-learn and sk-image are Python packages",
        "AKIA is how AWS key ids start",
        "the jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0. is unsigned",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----",
        "hf_hub_download(repo_id=\"meta-llama/Llama-3.1-8B\")",
    })
    void ordinaryTextIsLeftAlone(String text) {
        assertEquals(List.of(), scanner.scan(text));
    }

    @Test
    void privateKeyCutShortIsStillFound() {
        String pem = samples.pem("RSA PRIVATE KEY");
        String cut = pem.substring(0, pem.length() / 2);
        List<Finding> findings = scanner.scan("my key:\n" + cut);
        assertEquals(1, findings.size());
        assertEquals("private_key", findings.get(0).kind());
        assertEquals(8 + cut.length(), findings.get(0).end(), "the whole of what is there");
    }

    @Test
    void allowlistSkipsExactValuesOnly() {
        String documented = "AKIAIOSFODNN7EXAMPLE";
        String other = "AKIA" + samples.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
        SecretScanner allowing = scanner.withAllowlist(Set.of(documented));
        assertEquals(List.of(), allowing.scan("example: " + documented));
        assertEquals(1, allowing.scan("real: " + other).size());
        assertEquals(1, scanner.scan("example: " + documented).size(), "the defaults stay unchanged");
        assertTrue(allowing.withAllowlist(Set.of(other)).scan(documented + " " + other).isEmpty(), "allowlists add up");
    }

    @Test
    void everyKindIsFoundAndFindingsAreOrdered() {
        StringBuilder text = new StringBuilder();
        List<SecretSamples.Sample> all = samples.oneOfEach();
        for (SecretSamples.Sample sample : all) {
            text.append("next one: ").append(sample.value()).append(" ;\n");
        }
        List<Finding> findings = scanner.scan(text);
        assertEquals(all.stream().map(SecretSamples.Sample::kind).toList(), findings.stream().map(Finding::kind).toList());
        for (int i = 1; i < findings.size(); i++) {
            assertTrue(findings.get(i - 1).end() <= findings.get(i).start());
        }
    }
}
