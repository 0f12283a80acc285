package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import org.junit.jupiter.api.Test;

/**
 * Text-generation answers as TGI documents them (https://huggingface.github.io/text-generation-inference/:
 * {@code [{"generated_text", "details": {"finish_reason", "generated_tokens", "prefill", …}}]})
 * and as JumpStart's Llama containers write them ({@code generation}, which LiteLLM reads too).
 */
class TgiResponseMapperTest {

    private static ChatResponse map(String json, String prompt) {
        return TgiResponseMapper.toChatResponse(Json.parseUpstream(json, "t"), prompt, "chatcmpl-1", "e", 1L);
    }

    @Test
    void generatedTextWithoutDetailsHasNoUsageForTheGatewayToCount() {
        ChatResponse response = map("[{\"generated_text\":\" Rayleigh scattering\"}]", "Why is the sky blue?");
        assertEquals(" Rayleigh scattering", response.choices().getFirst().message().content());
        assertEquals(FinishReason.STOP, response.choices().getFirst().finishReason());
        assertNull(response.usage(), "no usage: the gateway counts and marks the spend row estimated");
        assertEquals("chatcmpl-1", response.id());
    }

    @Test
    void detailsGiveTheUsageAndTheFinishReason() {
        ChatResponse response = map("[{\"generated_text\":\"Paris\",\"details\":{\"finish_reason\":\"length\","
                + "\"generated_tokens\":2,\"seed\":null,\"prefill\":[{\"id\":1,\"text\":\"<s>\",\"logprob\":null},"
                + "{\"id\":2,\"text\":\"Capital\",\"logprob\":-1.5},{\"id\":3,\"text\":\"?\",\"logprob\":-0.5}],"
                + "\"tokens\":[]}}]", "Capital?");
        assertEquals(Usage.of(3, 2), response.usage());
        assertEquals(FinishReason.LENGTH, response.choices().getFirst().finishReason());
    }

    @Test
    void anEchoedPromptIsCutOffAndJumpStartsGenerationIsRead() {
        assertEquals(" fine.", map("[{\"generated_text\":\"How are you? fine.\"}]", "How are you?")
                .choices().getFirst().message().content());
        assertEquals("Hello.", map("{\"generation\":\"Hello.\"}", "Hi").choices().getFirst().message().content());
    }

    @Test
    void anAnswerWithoutTextIsTheUpstreamsFailure() {
        assertThrows(GatewayException.UpstreamServerError.class, () -> map("[{\"score\":0.9}]", "Hi"));
    }
}
