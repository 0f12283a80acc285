package dev.gatehouse.server.guardrail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.guardrail.pii.PiiKind;
import dev.gatehouse.json.Json;
import dev.gatehouse.server.guardrail.GuardrailSettings.Action;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One configuration's checks on request bodies and whole answers, without a server. */
class GuardrailsTest {

    /** Key-shaped text made up at run time from a seeded source: never a real key. */
    private static final String GITHUB_TOKEN = "ghp_" + random(36);

    private static String random(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        Random random = new Random(7);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static GuardrailSettings policy(Action secrets, Action personal, Action deny, List<String> words) {
        return new GuardrailSettings(new GuardrailSettings.Secrets(secrets, Set.of()),
                new GuardrailSettings.PersonalData(personal, Set.of(PiiKind.EMAIL)),
                new GuardrailSettings.Deny(words, Map.of(), deny), 0);
    }

    private static ObjectNode chat(String... contents) {
        ObjectNode body = Json.object().put("model", "gpt");
        for (String content : contents) {
            body.withArray("messages").add(Json.object().put("role", "user").put("content", content));
        }
        return body;
    }

    @Test
    void secretsBlockFirstAndTheErrorNamesEveryKindAndPathOfThatCheckOnly() {
        Guardrails guard = Guardrails.from(policy(Action.BLOCK, Action.BLOCK, Action.BLOCK, List.of("falcon")));
        ObjectNode body = chat("mail ada@example.org", "token " + GITHUB_TOKEN + " for falcon");
        String before = body.toString();
        Verdict.Blocked blocked = assertInstanceOf(Verdict.Blocked.class, guard.checkInput(body));
        assertEquals("secret_detected", blocked.error().code());
        assertEquals(400, blocked.error().status());
        String message = blocked.error().getMessage();
        assertTrue(message.contains("github_token at messages[1].content"), message);
        assertFalse(message.contains("email") || message.contains(GITHUB_TOKEN) || message.contains("falcon"), message);
        assertEquals(before, body.toString(), "a block changes nothing");
        assertEquals(3, blocked.hits().size(), "every finding is reported for the metrics");
    }

    @Test
    void personalDataAndDenyListsBlockWithTheirOwnCodes() {
        Verdict.Blocked personal = assertInstanceOf(Verdict.Blocked.class,
                Guardrails.from(policy(Action.LOG, Action.BLOCK, Action.BLOCK, List.of()))
                        .checkInput(chat("mail ada@example.org")));
        assertEquals("personal_data_detected", personal.error().code());
        Verdict.Blocked denied = assertInstanceOf(Verdict.Blocked.class,
                Guardrails.from(policy(Action.BLOCK, Action.OFF, Action.BLOCK, List.of("project falcon")))
                        .checkInput(chat("about Project-Falcon")));
        assertEquals("denied_content", denied.error().code());
        assertTrue(denied.error().getMessage().contains("denied_word at messages[0].content"));
    }

    @Test
    void plainAndReversibleMasksMeetInOneText() {
        Guardrails guard = Guardrails.from(policy(Action.MASK, Action.REVERSIBLE, Action.MASK, List.of("falcon")));
        ObjectNode body = chat("ada@example.org sent " + GITHUB_TOKEN + " about falcon", "cc ada@example.org");
        Verdict.Passed passed = assertInstanceOf(Verdict.Passed.class, guard.checkInput(body));
        assertTrue(passed.masked());
        assertEquals("[EMAIL_1] sent [REDACTED:github_token] about [REDACTED:denied_word]",
                body.path("messages").get(0).path("content").asText());
        assertEquals("cc [EMAIL_1]", body.path("messages").get(1).path("content").asText(),
                "the same value gets the same placeholder in every text");
        assertEquals("gpt", body.path("model").asText());

        ObjectNode answer = Json.object();
        answer.withArray("choices").add(Json.object()).get(0).withObject("message").put("role", "assistant")
                .put("content", "Replied to [EMAIL_1].");
        List<GuardrailHit> hits = guard.checkOutput(answer, passed.placeholders());
        assertEquals(List.of(), hits);
        assertEquals("Replied to ada@example.org.", answer.path("choices").get(0).path("message").path("content")
                .asText());
    }

    @Test
    void anAnswersSecretsAreMaskedWhereverTheyAreUnlessOnlyLogged() {
        JsonNode answer = Json.parseUpstream("{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\","
                + "\"arguments\":\"{\\\"t\\\":\\\"" + GITHUB_TOKEN + "\\\"}\"}}]}}]}", "test");
        List<GuardrailHit> hits = Guardrails.from(policy(Action.BLOCK, Action.OFF, Action.BLOCK, List.of()))
                .checkOutput(answer, Optional.empty());
        assertEquals(List.of(new GuardrailHit("choices[0].message.tool_calls[0].function.arguments", "github_token",
                dev.gatehouse.guardrail.Finding.Category.SECRET, Action.MASK)), hits);
        assertFalse(answer.toString().contains(GITHUB_TOKEN), answer.toString());

        JsonNode logged = Json.parseUpstream("{\"content\":[{\"type\":\"text\",\"text\":\"" + GITHUB_TOKEN + "\"}]}",
                "test");
        List<GuardrailHit> seen = Guardrails.from(policy(Action.LOG, Action.OFF, Action.BLOCK, List.of()))
                .checkOutput(logged, Optional.empty());
        assertEquals(Action.LOG, seen.getFirst().action());
        assertTrue(logged.toString().contains(GITHUB_TOKEN));
    }

    @Test
    void withEveryCheckOffNothingIsChecked() {
        Guardrails off = Guardrails.from(policy(Action.OFF, Action.OFF, Action.BLOCK, List.of()));
        assertFalse(off.checksInput());
        assertTrue(Guardrails.from(GuardrailSettings.DEFAULTS).checksInput());
    }

    @Test
    void thePromptSizeCountsEveryCheckedText() {
        Guardrails guard = Guardrails.from(new GuardrailSettings(new GuardrailSettings.Secrets(Action.OFF, Set.of()),
                new GuardrailSettings.PersonalData(Action.OFF, Set.of()),
                new GuardrailSettings.Deny(List.of(), Map.of(), Action.BLOCK), 10));
        assertInstanceOf(Verdict.Passed.class, guard.checkInput(chat("12345", "67890")));
        Verdict.Blocked blocked = assertInstanceOf(Verdict.Blocked.class, guard.checkInput(chat("12345", "678901")));
        assertEquals("prompt_too_large", blocked.error().code());
        assertTrue(blocked.error().getMessage().contains("11 characters"), blocked.error().getMessage());
    }
}
