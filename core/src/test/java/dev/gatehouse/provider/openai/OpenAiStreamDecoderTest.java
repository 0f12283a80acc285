package dev.gatehouse.provider.openai;

import dev.gatehouse.api.ServerSentEvent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.SseReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream shapes from the chat.completion.chunk reference, https://platform.openai.com/docs/api-reference/chat-streaming */
class OpenAiStreamDecoderTest {

    private static final String TEXT = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}]}";
    private static final String STOP = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";
    private static final String USAGE = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
            + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";
    private static final String STOP_WITH_USAGE = "{\"id\":\"c1\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,"
            + "\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}";

    private static List<ChatChunk> decode(OpenAiStreamDecoder decoder, String... data) {
        List<ChatChunk> out = new ArrayList<>();
        for (String d : data) {
            out.addAll(decoder.onEvent(new ServerSentEvent(null, d)));
        }
        return out;
    }

    @Test
    void usageIsHiddenFromCallersWhoDidNotAskButStillCounted() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, false);
        List<ChatChunk> chunks = decode(decoder, TEXT, STOP, USAGE, "[DONE]");
        assertEquals(2, chunks.size());
        assertTrue(chunks.stream().allMatch(c -> c.usage() == null));
        assertEquals(7, decoder.usage().totalTokens());
        assertTrue(decoder.finished());
    }

    @Test
    void usageOnTheLastRegularChunkBecomesOpenAisUsageChunk() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, true);
        List<ChatChunk> chunks = decode(decoder, TEXT, STOP_WITH_USAGE, "[DONE]");
        assertEquals(3, chunks.size());
        assertNull(chunks.get(1).usage(), "moved off the finishing chunk");
        assertTrue(chunks.get(2).choices().isEmpty());
        assertEquals(5, chunks.get(2).usage().promptTokens());
    }

    @Test
    void anEndWithoutDoneIsCompleteOnlyAfterAFinishReason() {
        OpenAiStreamDecoder finished = new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, true);
        decode(finished, TEXT, STOP_WITH_USAGE);
        assertNotNull(finished.onEnd().getFirst().usage());
        OpenAiStreamDecoder cut = new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, true);
        decode(cut, TEXT);
        assertThrows(GatewayException.TransportFailure.class, cut::onEnd);
    }

    @Test
    void anErrorInsideTheStreamIsThrown() {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, false);
        GatewayException error = assertThrows(GatewayException.class, () -> decode(decoder, TEXT,
                "{\"error\":{\"message\":\"overloaded\",\"type\":\"server_error\",\"code\":503}}"));
        assertEquals(503, error.status());
        assertThrows(GatewayException.RateLimited.class, () -> decode(new OpenAiStreamDecoder(CompatibleProfiles.OPENAI,
                false), "{\"error\":{\"message\":\"slow down\",\"code\":429}}"));
    }

    @Test
    void anUnreadableEventIsTheUpstreamsFailure() {
        assertThrows(GatewayException.UpstreamServerError.class,
                () -> decode(new OpenAiStreamDecoder(CompatibleProfiles.OPENAI, false), "{not json"));
    }
}
