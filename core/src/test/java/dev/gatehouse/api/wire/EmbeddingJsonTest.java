package dev.gatehouse.api.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.EmbeddingInput;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Usage;
import dev.gatehouse.json.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenAI's embeddings request and response (platform.openai.com/docs/api-reference/embeddings/create). */
class EmbeddingJsonTest {

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readsEveryShapeOfInput() {
        assertEquals(new EmbeddingInput.Texts(List.of("hello")),
                EmbeddingRequestJson.read(json("{'model':'m','input':'hello'}")).input());
        assertEquals(new EmbeddingInput.Texts(List.of("a", "b")),
                EmbeddingRequestJson.read(json("{'model':'m','input':['a','b']}")).input());
        assertEquals(new EmbeddingInput.Tokens(List.of(List.of(1, 2, 3))),
                EmbeddingRequestJson.read(json("{'model':'m','input':[1,2,3]}")).input());
        assertEquals(new EmbeddingInput.Tokens(List.of(List.of(1), List.of(2, 3))),
                EmbeddingRequestJson.read(json("{'model':'m','input':[[1],[2,3]]}")).input());
        EmbeddingRequest full = EmbeddingRequestJson.read(json(
                "{'model':'m','input':'x','dimensions':256,'encoding_format':'base64','user':'u-1'}"));
        assertEquals(256, full.dimensions());
        assertEquals(EmbeddingRequest.EncodingFormat.BASE64, full.encodingFormat());
        assertEquals("u-1", full.user());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'model':'m'}                                           | input",
        "{'model':'m','input':''}                                | input",
        "{'model':'m','input':[]}                                | input",
        "{'model':'m','input':['a','']}                          | input[1]",
        "{'model':'m','input':['a',3]}                           | input[1]",
        "{'model':'m','input':[[1],'a']}                         | input[1]",
        "{'model':'m','input':[[1],[-2]]}                        | input[1][0]",
        "{'model':'m','input':{'text':'a'}}                      | input",
        "{'model':'m','input':'a','encoding_format':'binary'}    | encoding_format",
        "{'model':'m','input':'a','dimensions':0}                | dimensions",
        "{'model':'m','input':'a','dimensions':'256'}            | dimensions",
        "{'model':'m','input':'a','api_base':'http://x'}         | api_base",
        "{'input':'a'}                                           | model",
    })
    void refusesBadInputNamingTheField(String body, String field) {
        GatewayException.BadRequest e = assertThrows(GatewayException.BadRequest.class,
                () -> EmbeddingRequestJson.read(json(body)));
        assertEquals(field, e.param());
        assertEquals(400, e.status());
    }

    @Test
    void writesFloatsOrLittleEndianBase64() {
        EmbeddingResponse response = new EmbeddingResponse("m",
                List.of(new EmbeddingResponse.Embedding(0, new float[] {1.0f, -0.5f})), Usage.of(7, 0));
        JsonNode floats = EmbeddingResponseJson.write(response, EmbeddingRequest.EncodingFormat.FLOAT);
        assertEquals("list", floats.get("object").asText());
        assertEquals("embedding", floats.at("/data/0/object").asText());
        assertEquals(-0.5, floats.at("/data/0/embedding/1").asDouble());
        assertEquals(7, floats.at("/usage/prompt_tokens").asInt());
        assertEquals(7, floats.at("/usage/total_tokens").asInt());
        JsonNode base64 = EmbeddingResponseJson.write(response, EmbeddingRequest.EncodingFormat.BASE64);
        // 1.0f is 00 00 80 3f little-endian, -0.5f is 00 00 00 bf.
        assertEquals("AACAPwAAAL8=", base64.at("/data/0/embedding").asText());
        assertArrayEquals(new float[] {1.0f, -0.5f}, EmbeddingResponseJson.fromBase64("AACAPwAAAL8="));
    }

    @Test
    void joiningPartsKeepsOrderAndSumsUsage() {
        EmbeddingResponse first = new EmbeddingResponse("m", List.of(new EmbeddingResponse.Embedding(1,
                new float[] {2}), new EmbeddingResponse.Embedding(0, new float[] {1})), Usage.of(3, 0));
        EmbeddingResponse second = new EmbeddingResponse("m", List.of(new EmbeddingResponse.Embedding(0,
                new float[] {3})), Usage.of(4, 0));
        EmbeddingResponse joined = EmbeddingResponse.join(List.of(first, second));
        assertEquals(List.of(0, 1, 2), joined.data().stream().map(EmbeddingResponse.Embedding::index).toList());
        assertEquals(List.of(1f, 2f, 3f), joined.data().stream().map(e -> e.vector()[0]).toList());
        assertEquals(7, joined.usage().promptTokens());
        assertTrue(EmbeddingResponse.join(List.of(first, new EmbeddingResponse("m", second.data(), null))).usage()
                == null, "unknown usage in any part makes the sum unknown");
    }
}
