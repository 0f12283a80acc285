package dev.gatehouse.provider.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.Message;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The caller's further fields against each member's documented ones, and the fields that change the price. */
class ChatFieldCheckTest {

    private static CompatibleProfile profile(String id) {
        return id.equals("azure") ? CompatibleProfiles.AZURE
                : CompatibleProfiles.ALL.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }

    private static ChatRequest with(String name, JsonNode value) {
        return ChatRequest.builder("m").messages(List.of(Message.User.of("Hi"))).extension(name, value).build();
    }

    private static JsonNode json(String text) {
        return Json.parseUpstream(text.replace('\'', '"'), "test");
    }

    /** What each member's API does not document, among what the attacker sent. */
    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "vllm       | chat_template        | '{{ range(10**9) }}'",
        "vllm       | chat_template_kwargs | {'enable_thinking':true}",
        "vllm       | mm_processor_kwargs  | {}",
        "azure      | data_sources         | [{'type':'azure_search','parameters':{}}]",
        "openai     | chat_template        | 'x'",
        "ollama     | logit_bias           | {}",
        "openai_compatible | priority      | -100",
    })
    void refusesWhatTheMemberDoesNotDocumentNamingIt(String member, String field, String value) {
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> ChatFieldCheck.check(
                with(field, json(value)), Deployment.builder("m", member).build(), profile(member)));
        assertEquals(field, error.param());
        assertTrue(error.getMessage().contains("does not document") || error.getMessage().contains("documents"),
                error.getMessage());
    }

    @Test
    void dropsWhatTheMemberDoesNotDocumentWhenTheDeploymentDropsParametersAndNamesIt() {
        ChatRequest request = with("chat_template", json("'x'")).toBuilder()
                .extension("top_k", json("5")).extension("chat_template_kwargs", json("{}")).build();
        CheckedChat checked = ChatFieldCheck.check(request, Deployment.builder("m", "vllm").dropParams(true).build(),
                profile("vllm"));
        assertEquals(List.of("chat_template", "chat_template_kwargs"), checked.dropped());
        assertEquals(Set.of("top_k"), checked.request().extensions().keySet());
    }

    @Test
    void documentedFieldsPassUnchanged() {
        ChatRequest request = with("logprobs", json("true")).toBuilder()
                .extension("prediction", json("{'type':'content','content':'x'}"))
                .extension("metadata", json("{'anything':'goes'}")).build();
        assertSame(request, ChatFieldCheck.check(request, Deployment.builder("m", "openai").build(),
                profile("openai")).request());
    }

    /** Inside a documented field, only its documented fields: the path names what was refused or dropped. */
    @Test
    void checksInsideDocumentedFields() {
        ChatRequest request = with("web_search_options",
                json("{'search_context_size':'low','user_location':{'type':'approximate','approximate':{'city':'x','ip':'1'}}}"));
        Deployment strict = Deployment.builder("m", "openai").allowPriceFields(Set.of("web_search_options")).build();
        assertEquals("web_search_options.user_location.approximate.ip", assertThrows(GatewayException.BadRequest.class,
                () -> ChatFieldCheck.check(request, strict, profile("openai"))).param());

        Deployment dropping = Deployment.builder("m", "openai").allowPriceFields(Set.of("web_search_options"))
                .dropParams(true).build();
        CheckedChat checked = ChatFieldCheck.check(request, dropping, profile("openai"));
        assertEquals(List.of("web_search_options.user_location.approximate.ip"), checked.dropped());
        JsonNode kept = checked.request().extensions().get("web_search_options");
        assertFalse(kept.path("user_location").path("approximate").has("ip"));
        assertEquals("x", kept.path("user_location").path("approximate").path("city").asText());
        assertTrue(request.extensions().get("web_search_options").path("user_location").path("approximate").has("ip"),
                "the caller's request is not changed");
    }

    /** Fields billed above the configured price are refused, even under drop_params, unless the deployment allows them. */
    @ParameterizedTest(name = "{0}: {1} = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "openai     | service_tier       | 'priority'",
        "openai     | service_tier       | 'flex'",
        "openai     | web_search_options | {}",
        "openai     | audio              | {'voice':'alloy','format':'wav'}",
        "groq       | service_tier       | 'performance'",
        "openrouter | models             | ['openai/o1-pro']",
        "openrouter | plugins            | [{'id':'web'}]",
        "xai        | search_parameters  | {'mode':'on'}",
    })
    void refusesPriceFieldsTheDeploymentDoesNotAllow(String member, String field, String value) {
        ChatRequest request = with(field, json(value));
        GatewayException.BadRequest error = assertThrows(GatewayException.BadRequest.class, () -> ChatFieldCheck.check(
                request, Deployment.builder("m", member).dropParams(true).build(), profile(member)));
        assertEquals(field, error.param());
        assertTrue(error.getMessage().contains("allow_price_fields"), error.getMessage());
        Deployment allowing = Deployment.builder("m", member).allowPriceFields(Set.of(field)).build();
        assertEquals(request.extensions(), ChatFieldCheck.check(request, allowing, profile(member)).request()
                .extensions());
    }

    @Test
    void theDefaultServiceTiersDoNotChangeThePrice() {
        for (String tier : List.of("auto", "default")) {
            ChatRequest request = with("service_tier", Json.mapper().getNodeFactory().textNode(tier));
            assertSame(request, ChatFieldCheck.check(request, Deployment.builder("m", "openai").build(),
                    profile("openai")).request());
        }
    }

    /** The mapper applies the same check: nothing undocumented reaches the body, whoever calls the provider. */
    @Test
    void theUpstreamBodyHoldsOnlyDocumentedFields() {
        ChatRequest request = with("chat_template", json("'x'")).toBuilder().extension("top_k", json("5")).build();
        ObjectNode body = OpenAiRequestMapper.toUpstream(request, Deployment.builder("m", "vllm").dropParams(true).build(),
                profile("vllm"));
        assertFalse(body.has("chat_template"));
        assertEquals(5, body.get("top_k").asInt());
        assertEquals("chat_template", assertThrows(GatewayException.BadRequest.class, () -> OpenAiRequestMapper
                .toUpstream(request, Deployment.builder("m", "vllm").build(), profile("vllm"))).param());
    }

    @Test
    void everyMemberHasADialectWithItsReference() {
        for (CompatibleProfile member : CompatibleProfiles.ALL) {
            assertTrue(ChatDialects.of(member).reference().startsWith("https://"), member.id());
        }
        assertTrue(CompatibleProfiles.priceFields().containsAll(Set.of("service_tier", "models", "plugins")));
    }
}
