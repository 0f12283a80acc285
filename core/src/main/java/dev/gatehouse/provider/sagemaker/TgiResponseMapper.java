package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.FinishReason;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.util.List;

/**
 * A text-generation answer → an OpenAI chat response. TGI answers
 * {@code [{"generated_text": …, "details": {…}}]} (a one-element list on SageMaker; a bare object
 * from some containers); JumpStart's Llama containers name the text {@code generation}, which
 * LiteLLM reads too. A container that echoes the prompt before its answer (Hugging Face's
 * pipeline returns the full text unless told otherwise) has the prompt cut off.
 *
 * <p>Usage comes from TGI's {@code details} when the deployment asked for them
 * ({@code tgi_details}): {@code generated_tokens} for the completion, the length of
 * {@code prefill} (the prompt's tokens, with {@code decoder_input_details}) or, in TGI versions
 * that give it, {@code prompt_tokens} for the prompt.
 * Without them the answer has no usage, and the gateway counts the tokens itself and marks the
 * spend row {@code cost_estimated} (docs/spend.md), as for any upstream that reports none.
 */
final class TgiResponseMapper {

    private TgiResponseMapper() {}

    static ChatResponse toChatResponse(JsonNode body, String prompt, String id, String model, long created) {
        JsonNode answer = body.isArray() && !body.isEmpty() ? body.get(0) : body;
        String text = Json.textOrNull(answer, "generated_text");
        if (text == null) {
            text = Json.textOrNull(answer, "generation");
        }
        if (text == null) {
            throw new GatewayException.UpstreamServerError(
                    "SageMaker's endpoint answered without generated_text", 0, Json.text(body));
        }
        if (!prompt.isEmpty() && text.startsWith(prompt)) {
            text = text.substring(prompt.length());
        }
        JsonNode details = answer.get("details");
        FinishReason finish = finishReason(Json.textOrNull(details, "finish_reason"));
        return new ChatResponse(id, created, model,
                List.of(new ChatResponse.Choice(0, Message.Assistant.of(text), finish)), usage(details), null);
    }

    /**
     * TGI's finish reasons (its FinishReason: {@code length}, {@code eos_token},
     * {@code stop_sequence}) in OpenAI's terms; none given is a normal stop.
     */
    static FinishReason finishReason(String reason) {
        return "length".equals(reason) ? FinishReason.LENGTH : FinishReason.STOP;
    }

    /** The usage in a non-streamed answer's details, or null when they do not give both counts. */
    static Usage usage(JsonNode details) {
        Integer generated = Json.intOrNull(details, "generated_tokens");
        JsonNode prefill = details == null ? null : details.get("prefill");
        Integer prompt = prefill != null && prefill.isArray() ? Integer.valueOf(prefill.size())
                : Json.intOrNull(details, "prompt_tokens"); // TGI versions that count the prompt themselves
        return generated == null || prompt == null ? null : Usage.of(prompt, generated);
    }
}
