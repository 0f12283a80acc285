package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiRequestMapperTest {

    private static CompatibleProfile profile(String id) {
        return CompatibleProfiles.ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static Deployment deployment(String provider, boolean dropParams) {
        return Deployment.builder("m", provider).dropParams(dropParams).build();
    }

    private static ChatRequest.Builder request() {
        return ChatRequest.builder("m").messages(List.of(Message.User.of("Hi")));
    }

    @Test
    void unknownFieldsPassThroughToOpenAi() {
        ChatRequest request = request().extension("logprobs", Json.mapper().getNodeFactory().booleanNode(true))
                .extension("prediction", Json.object().put("type", "content").put("content", "x")).build();
        ObjectNode body = OpenAiRequestMapper.toUpstream(request, deployment("openai", false), CompatibleProfiles.OPENAI);
        assertTrue(body.get("logprobs").asBoolean());
        assertEquals("content", body.get("prediction").get("type").asText());
    }

    @Test
    void streamsAlwaysAskForUsageWhereTheUpstreamTakesTheOption() {
        ObjectNode body = OpenAiRequestMapper.toUpstream(request().stream(true).build(), deployment("openai", false),
                CompatibleProfiles.OPENAI);
        assertTrue(body.get("stream_options").get("include_usage").asBoolean());
        ObjectNode mistral = OpenAiRequestMapper.toUpstream(request().stream(true).includeUsage(true).build(),
                deployment("mistral", false), profile("mistral"));
        assertFalse(mistral.has("stream_options"), "Mistral does not take stream_options");
    }

    /** Mistral calls the seed random_seed: https://docs.mistral.ai/api/#tag/chat */
    @Test
    void mistralSeedIsRenamed() {
        ObjectNode body = OpenAiRequestMapper.toUpstream(request().seed(42L).build(), deployment("mistral", false),
                profile("mistral"));
        assertFalse(body.has("seed"));
        assertEquals(42, body.get("random_seed").asInt());
    }

    /** Groq refuses these fields: https://console.groq.com/docs/openai */
    @Test
    void groqRefusesWhatItCanNotTakeNamingIt() {
        ChatRequest request = request().extension("logprobs", Json.mapper().getNodeFactory().booleanNode(true)).build();
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> OpenAiRequestMapper.toUpstream(request, deployment("groq", false), profile("groq")));
        assertEquals("logprobs", error.param());
        assertTrue(error.getMessage().contains("Groq"), error.getMessage());

        assertEquals("n", assertThrows(GatewayException.BadRequest.class, () -> OpenAiRequestMapper.toUpstream(
                request().n(2).build(), deployment("groq", false), profile("groq"))).param());
        ChatRequest named = request().messages(List.of(new Message.User(Message.User.of("Hi").content(), "ann"))).build();
        assertEquals("messages[].name", assertThrows(GatewayException.BadRequest.class,
                () -> OpenAiRequestMapper.toUpstream(named, deployment("groq", false), profile("groq"))).param());
    }

    @Test
    void groqDropsWhatItCanNotTakeWhenTheDeploymentSaysSo() {
        ChatRequest request = request().n(3)
                .messages(List.of(new Message.User(Message.User.of("Hi").content(), "ann")))
                .extension("logprobs", Json.mapper().getNodeFactory().booleanNode(true)).build();
        ObjectNode body = OpenAiRequestMapper.toUpstream(request, deployment("groq", true), profile("groq"));
        assertFalse(body.has("logprobs"));
        assertFalse(body.has("n"));
        assertFalse(body.get("messages").get(0).has("name"));
        assertEquals("Hi", body.get("messages").get(0).get("content").asText());
    }
}
