package dev.gatehouse.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.api.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The registry: one descriptor per provider package, each id served, each LiteLLM prefix resolved. */
class ProvidersTest {

    @Test
    void everyIdHasAProviderFromItsDescriptor() {
        for (String id : Providers.ids()) {
            ProviderDescriptor descriptor = Providers.descriptor(id);
            assertTrue(descriptor.ids().contains(id), id);
            assertNotNull(Providers.provider(id), id);
            assertNotNull(descriptor.reach().apply(id), id);
        }
        assertTrue(Providers.ids().containsAll(List.of("openai", "azure", "anthropic", "vertex_anthropic", "gemini",
                "vertex", "bedrock", "cohere", "bfl", "mock", "ollama", "vllm", "openai_compatible")));
    }

    @Test
    void anUnknownIdIsABadRequestNamingTheKnownOnes() {
        GatewayException error = assertThrows(GatewayException.BadRequest.class, () -> Providers.provider("nope"));
        assertTrue(error.getMessage().contains("anthropic"), error.getMessage());
        assertFalse(Providers.isKnown("nope"));
    }

    @Test
    void liteLlmPrefixesNameGatehouseProviders() {
        assertEquals("together", Providers.liteLlmPrefix("together_ai").provider(null));
        assertEquals("openai", Providers.liteLlmPrefix("openai").provider("api.openai.com"));
        assertEquals("openai_compatible", Providers.liteLlmPrefix("openai").provider("llm.internal"));
        assertEquals("anthropic.claude-3", Providers.liteLlmPrefix("bedrock").upstreamModel("converse/anthropic.claude-3"));
        assertTrue(Providers.liteLlmPrefix("ollama_chat").appendsV1());
        assertNull(Providers.liteLlmPrefix("vllm"), "LiteLLM's vllm/ runs in-process: not a server to call");
        for (String id : Providers.ids()) {
            for (LiteLlmPrefix prefix : Providers.descriptor(id).liteLlm()) {
                assertTrue(Providers.isKnown(prefix.provider(null)), prefix.prefix());
            }
        }
    }

    @Test
    void providerChecksNameTheSettingAtFault() {
        OptionCheck.Written bedrock = new OptionCheck.Written(Set.of("aws_access_key_id"), Map.of("region", "moon"),
                null);
        List<OptionCheck.Problem> problems = Providers.descriptor("bedrock").options().check("bedrock", bedrock);
        assertEquals(List.of("aws_secret_access_key", "options.region"),
                problems.stream().map(OptionCheck.Problem::setting).toList());
        assertEquals(List.of(), Providers.descriptor("openai").options().check("openai",
                new OptionCheck.Written(Set.of(), Map.of(), null)));
        assertEquals(Set.of("token_url"), Providers.descriptor("vertex").endpointOptions("vertex"));
        assertEquals(Set.of(), Providers.descriptor("anthropic").endpointOptions("anthropic"));
    }

    @Test
    void howDeploymentsAreReached() {
        assertTrue(Providers.descriptor("mock").reach().apply("mock").keyless());
        assertTrue(Providers.descriptor("ollama").reach().apply("ollama").keyless());
        assertTrue(Providers.descriptor("vllm").reach().apply("vllm").selfHosted());
        assertFalse(Providers.descriptor("azure").reach().apply("azure").selfHosted());
        assertEquals("api.openai.com", Providers.descriptor("openai").reach().apply("openai").defaultBaseUrl().getHost());
    }
}
