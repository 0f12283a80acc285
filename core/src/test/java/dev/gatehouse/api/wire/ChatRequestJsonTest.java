package dev.gatehouse.api.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ContentPart;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Reading and writing OpenAI Chat Completions requests. Shapes follow the API reference,
 * https://platform.openai.com/docs/api-reference/chat/create
 */
class ChatRequestJsonTest {

    private static JsonNode json(String text) {
        return Json.parseUpstream(text.replace('\'', '"'), "test");
    }

    @Test
    void readsEveryTypedField() {
        ChatRequest request = ChatRequestJson.read(json("""
                {'model':'gpt-4o','messages':[
                   {'role':'developer','content':'Be terse.'},
                   {'role':'user','content':[{'type':'text','text':'What is this?'},
                      {'type':'image_url','image_url':{'url':'https://example.com/a.png','detail':'low'}}]},
                   {'role':'assistant','content':null,'tool_calls':[{'id':'call_1','type':'function',
                      'function':{'name':'look','arguments':'{\\'x\\':1}'}}]},
                   {'role':'tool','tool_call_id':'call_1','content':'a cat'}],
                 'tools':[{'type':'function','function':{'name':'look','description':'Look','parameters':{'type':'object'},'strict':true}}],
                 'tool_choice':{'type':'function','function':{'name':'look'}},
                 'parallel_tool_calls':false,
                 'response_format':{'type':'json_schema','json_schema':{'name':'answer','schema':{'type':'object'},'strict':true}},
                 'max_completion_tokens':100,'stop':'END','temperature':0.5,'top_p':0.9,'seed':7,'n':1,
                 'stream':true,'stream_options':{'include_usage':true},'user':'u-1'}"""));
        assertEquals("gpt-4o", request.model());
        assertEquals(4, request.messages().size());
        assertEquals(new Message.Developer("Be terse.", null), request.messages().get(0));
        Message.User user = assertInstanceOf(Message.User.class, request.messages().get(1));
        assertEquals(new ContentPart.Image("https://example.com/a.png", "low"), user.content().get(1));
        Message.Assistant assistant = assertInstanceOf(Message.Assistant.class, request.messages().get(2));
        assertNull(assistant.content());
        assertEquals("{\"x\":1}", assistant.toolCalls().getFirst().arguments());
        assertEquals(new Message.Tool("call_1", "a cat"), request.messages().get(3));
        assertEquals("look", request.tools().getFirst().name());
        assertEquals(Boolean.TRUE, request.tools().getFirst().strict());
        assertEquals(new ToolChoice.Function("look"), request.toolChoice());
        assertEquals(Boolean.FALSE, request.parallelToolCalls());
        assertEquals("answer", assertInstanceOf(ResponseFormat.JsonSchema.class, request.responseFormat()).name());
        assertEquals(100, request.outputTokenLimit());
        assertEquals(List.of("END"), request.stop());
        assertEquals(0.5, request.temperature());
        assertEquals(7L, request.seed());
        assertTrue(request.stream() && request.includeUsage());
        assertEquals("u-1", request.user());
        assertTrue(request.extensions().isEmpty());
    }

    @Test
    void keepsUnknownFieldsInOrderAndWritesThemBack() {
        JsonNode body = json("""
                {'model':'gpt-4o','messages':[{'role':'user','content':'Hi'}],
                 'logprobs':true,'top_logprobs':2,'metadata':{'team':'search'},'reasoning_effort':'low'}""");
        ChatRequest request = ChatRequestJson.read(body);
        assertEquals(List.of("logprobs", "top_logprobs", "metadata", "reasoning_effort"),
                List.copyOf(request.extensions().keySet()));
        assertEquals(body, ChatRequestJson.write(request), "a request with nothing to translate round-trips exactly");
    }

    @Test
    void writesTheOldAndNewTokenLimitUnderTheNameTheCallerUsed() {
        ChatRequest old = ChatRequestJson.read(json("{'model':'m','messages':[{'role':'user','content':'x'}],'max_tokens':5}"));
        assertEquals(5, ChatRequestJson.write(old).get("max_tokens").asInt());
        assertTrue(!ChatRequestJson.write(old).has("max_completion_tokens"));
    }

    @ParameterizedTest(name = "{0} -> param {1}")
    @CsvSource(delimiter = '|', value = {
        "[]                                                                                   | ",
        "{'messages':[{'role':'user','content':'x'}]}                                         | model",
        "{'model':7,'messages':[{'role':'user','content':'x'}]}                               | model",
        "{'model':'m','messages':[]}                                                          | messages",
        "{'model':'m','messages':'hi'}                                                        | messages",
        "{'model':'m','messages':[{'role':'wizard','content':'x'}]}                           | messages[0].role",
        "{'model':'m','messages':[{'content':'x'}]}                                           | messages[0].role",
        "{'model':'m','messages':[{'role':'user'}]}                                           | messages[0].content",
        "{'model':'m','messages':[{'role':'user','content':[{'type':'input_audio'}]}]}        | messages[0].content[0].type",
        "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'x','detail':'max'}}]}]} | messages[0].content[0].image_url.detail",
        "{'model':'m','messages':[{'role':'system','content':[{'type':'image_url'}]}]}        | messages[0].content[0]",
        "{'model':'m','messages':[{'role':'assistant'}]}                                      | messages[0]",
        "{'model':'m','messages':[{'role':'assistant','tool_calls':[{'function':{'name':'f'}}]}]} | messages[0].tool_calls[0].id",
        "{'model':'m','messages':[{'role':'tool','content':'x'}]}                             | messages[0].tool_call_id",
        "{'model':'m','messages':[{'role':'function','content':'x','name':'f'}]}              | messages[0].role",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'temperature':3}             | temperature",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'temperature':'hot'}         | temperature",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'top_p':1.5}                 | top_p",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'max_tokens':0}              | max_tokens",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'max_tokens':1.5}            | max_tokens",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'n':1000}                    | n",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'stop':[1]}                  | stop[0]",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'stream':'yes'}              | stream",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'tool_choice':'always'}      | tool_choice",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'tools':[{'type':'code_interpreter'}]} | tools[0].type",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'tools':[{'type':'function','function':{'name':'f','parameters':[]}}]} | tools[0].function.parameters",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'response_format':{'type':'xml'}} | response_format.type",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'response_format':{'type':'json_schema','json_schema':{}}} | response_format.json_schema.name",
    })
    void refusesBadInputNamingTheField(String body, String param) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> ChatRequestJson.read(json(body)));
        assertEquals(param, error.param());
        assertEquals(400, error.status());
        assertEquals("invalid_request_error", error.type());
        assertTrue(error.getMessage().length() > 10, error.getMessage());
    }

    @Test
    void errorMessagesNameTheFieldAndWhatWasExpected() {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> ChatRequestJson.read(
                json("{'model':'m','messages':[{'role':'user','content':'x'}],'temperature':'hot'}")));
        assertEquals("Invalid value for 'temperature': expected a number, got a string.", error.getMessage());
    }

    /**
     * A field inside an object the reader looks into is refused naming its path, not dropped in
     * silence (the canonical request has nowhere to keep it) nor passed on.
     */
    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{'model':'m','messages':[{'role':'user','content':'x','foo':1}]}                                     | messages[0].foo",
        "{'model':'m','messages':[{'role':'user','content':[{'type':'text','text':'x','cache_control':{}}]}]} | messages[0].content[0].cache_control",
        "{'model':'m','messages':[{'role':'user','content':[{'type':'image_url','image_url':{'url':'https://a.example/x.png','fetch':true}}]}]} | messages[0].content[0].image_url.fetch",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'tools':[{'type':'function','function':{'name':'f','x':1}}]} | tools[0].function.x",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'response_format':{'type':'json_object','grammar':'g'}}  | response_format.grammar",
        "{'model':'m','messages':[{'role':'user','content':'x'}],'stream':true,'stream_options':{'include_usage':true,'x':1}} | stream_options.x",
    })
    void refusesUnknownFieldsInsideTheObjectsItReads(String body, String path) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> ChatRequestJson.read(json(body)));
        assertEquals(path, error.param());
        assertTrue(error.getMessage().contains("Unknown parameter: '" + path + "'"), error.getMessage());
    }

    /** Only https: and data: image URLs are read: anything else would be fetched by whoever receives it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://169.254.169.254/latest/meta-data/", "file:///etc/passwd", "ftp://example.com/a.png",
        "gopher://127.0.0.1:6379/_FLUSHALL", "/etc/passwd", "HTTP://example.com/a.png"})
    void refusesImageUrlsThatAreNotHttpsOrData(String url) {
        String body = "{'model':'m','messages':[{'role':'user','content':[{'type':'text','text':'x'},"
                + "{'type':'image_url','image_url':{'url':'" + url + "'}}]}]}";
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class,
                () -> ChatRequestJson.read(json(body)));
        assertEquals("messages[0].content[1].image_url.url", error.param());
        assertTrue(error.getMessage().contains("https: or data:"), error.getMessage());
    }

    @Test
    void readsHttpsAndDataImageUrls() {
        for (String url : List.of("https://example.com/a.png", "HTTPS://example.com/a.png", "data:image/png;base64,AAAA")) {
            ChatRequest request = ChatRequestJson.read(json("{'model':'m','messages':[{'role':'user','content':"
                    + "[{'type':'image_url','image_url':{'url':'" + url + "'}}]}]}"));
            assertEquals(url, ((ContentPart.Image) ((Message.User) request.messages().getFirst()).content().getFirst())
                    .url());
        }
    }
}
