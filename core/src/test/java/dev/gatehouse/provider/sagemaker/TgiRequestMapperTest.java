package dev.gatehouse.provider.sagemaker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.Tool;
import dev.gatehouse.api.ToolCall;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The text-generation body, from TGI's documented request
 * (https://huggingface.github.io/text-generation-inference/: {@code {"inputs", "parameters"}})
 * and the prompts LiteLLM builds (https://docs.litellm.ai/docs/completion/prompt_formatting: its
 * default joins the texts with spaces; Llama 2 chat for endpoints named so).
 */
class TgiRequestMapperTest {

    private static Deployment deployment(Map<String, String> options, boolean drop) {
        return Deployment.builder("m", "sagemaker").upstreamModel("my-endpoint").options(options).dropParams(drop).build();
    }

    private static ChatRequest.Builder chat(String endpoint, Message... messages) {
        return ChatRequest.builder(endpoint).messages(List.of(messages));
    }

    @Test
    void plainPromptJoinsTheTextsWithSpacesAsLiteLlmsDefault() {
        TgiRequestMapper.Tgi tgi = TgiRequestMapper.toTgi(chat("my-endpoint", new Message.System("Be brief.", null),
                Message.User.of("Hello, how are you?")).build(), deployment(Map.of(), false), false);
        assertEquals("Be brief. Hello, how are you?", tgi.prompt());
        assertEquals(Json.parseUpstream("{\"inputs\":\"Be brief. Hello, how are you?\",\"parameters\":{}}", "t"),
                tgi.body());
    }

    @Test
    void llama2ChatTemplateForAnEndpointNamedSoOrWhenChosen() {
        ChatRequest request = chat("jumpstart-dft-meta-textgeneration-llama-2-7b-chat",
                new Message.System("Be brief.", null), Message.User.of("Hi"), Message.Assistant.of("Hello."),
                Message.User.of("Bye")).build();
        String expected = "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n [/INST]\n[INST] Hi [/INST]\nHello.\n</s>"
                + "<s>[INST] Bye [/INST]\n";
        assertEquals(expected, TgiRequestMapper.toTgi(request, deployment(Map.of(), false), false).prompt());
        ChatRequest other = request.toBuilder().model("my-endpoint").build();
        assertEquals(expected, TgiRequestMapper.toTgi(other,
                deployment(Map.of(PromptTemplate.OPTION, "llama-2-chat"), false), false).prompt());
        assertEquals("Be brief. Hi Hello. Bye", TgiRequestMapper.toTgi(request,
                deployment(Map.of(PromptTemplate.OPTION, "plain"), false), false).prompt(), "the option wins over the name");
    }

    @Test
    void parametersMapToTgisNames() {
        JsonNode body = TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).maxTokens(80).temperature(0.2).topP(0.9)
                .stop(List.of("\n\n")).seed(7L).stream(true).build(), deployment(Map.of(), false), true).body();
        assertEquals("{\"max_new_tokens\":80,\"temperature\":0.2,\"top_p\":0.9,\"stop\":[\"\\n\\n\"],\"seed\":7}",
                Json.text(body.get("parameters")));
        assertTrue(body.get("stream").asBoolean());
    }

    @Test
    void temperatureZeroIsGreedyAndTopPOneIsLeftOut() {
        JsonNode parameters = TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).temperature(0.0).topP(1.0).build(),
                deployment(Map.of(), false), false).body().get("parameters");
        assertEquals(Json.parseUpstream("{\"do_sample\":false}", "t"), parameters);
    }

    @Test
    void theDeploymentsDefaultLimitAppliesWhenTheCallerGivesNone() {
        Deployment d = Deployment.builder("m", "sagemaker").upstreamModel("e").defaultMaxTokens(256).build();
        assertEquals(256, TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).build(), d, false).body()
                .path("parameters").path("max_new_tokens").asInt());
        assertThrows(GatewayException.BadRequest.class, () -> TgiRequestMapper.toTgi(
                chat("e", Message.User.of("Hi")).maxTokens(0).build(), d, false));
    }

    @Test
    void detailsAreAskedForOnlyWhenTheDeploymentSaysAndPrefillOnlyOutsideAStream() {
        Deployment d = deployment(Map.of(TgiRequestMapper.DETAILS_OPTION, "true"), false);
        JsonNode plain = TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).build(), d, false).body().get("parameters");
        assertTrue(plain.get("details").asBoolean() && plain.get("decoder_input_details").asBoolean());
        JsonNode streamed = TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).build(), d, true).body().get("parameters");
        assertTrue(streamed.get("details").asBoolean());
        assertFalse(streamed.has("decoder_input_details"), "TGI refuses decoder_input_details in a stream");
        assertFalse(TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi")).build(), deployment(Map.of(), false), false)
                .body().get("parameters").has("details"));
    }

    @Test
    void aJsonSchemaBecomesTgisGrammar() {
        JsonNode schema = Json.parseUpstream("{\"type\":\"object\"}", "t");
        JsonNode parameters = TgiRequestMapper.toTgi(chat("e", Message.User.of("Hi"))
                .responseFormat(new ResponseFormat.JsonSchema("a", null, schema, true)).build(),
                deployment(Map.of(), false), false).body().get("parameters");
        assertEquals(Json.parseUpstream("{\"type\":\"json\",\"value\":{\"type\":\"object\"}}", "t"), parameters.get("grammar"));
    }

    @Test
    void toolsChoicesAndUnknownFieldsAreRefusedOrDroppedAsTheDeploymentSays() {
        Tool tool = new Tool("f", null, Json.parseUpstream("{\"type\":\"object\"}", "t"), null);
        ChatRequest request = chat("e", Message.User.of("Hi")).tools(List.of(tool)).n(2)
                .extension("presence_penalty", Json.mapper().getNodeFactory().numberNode(0.5)).build();
        GatewayException.BadRequest refused = assertThrows(GatewayException.BadRequest.class,
                () -> TgiRequestMapper.toTgi(request, deployment(Map.of(), false), false));
        assertEquals("tools", refused.param());
        JsonNode dropped = TgiRequestMapper.toTgi(request, deployment(Map.of(), true), false).body();
        assertEquals(Json.parseUpstream("{\"inputs\":\"Hi\",\"parameters\":{}}", "t"), dropped);
    }

    @Test
    void imagesAndToolTurnsCanNotBecomeAPromptWhateverTheDeploymentSays() {
        ChatRequest image = chat("e", new Message.User(List.of(new ContentPart.Text("What is this?"),
                new ContentPart.Image("https://example.com/a.png", null)), null)).build();
        assertThrows(GatewayException.BadRequest.class, () -> TgiRequestMapper.toTgi(image, deployment(Map.of(), true), false));
        ChatRequest toolTurn = chat("e", Message.User.of("Hi"), new Message.Assistant(null,
                List.of(new ToolCall("c1", "f", "{}")), null, null, null), new Message.Tool("c1", "{}")).build();
        assertThrows(GatewayException.BadRequest.class, () -> TgiRequestMapper.toTgi(toolTurn, deployment(Map.of(), true),
                false));
    }
}
