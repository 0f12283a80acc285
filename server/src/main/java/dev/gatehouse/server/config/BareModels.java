package dev.gatehouse.server.config;

import dev.gatehouse.pricing.PriceTable;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which provider serves a model name written without one ({@code gpt-4o}, {@code claude-sonnet-4-5}),
 * as LiteLLM infers it: from the names its model catalog lists without a prefix, for the providers
 * whose own names those are (https://docs.litellm.ai/docs/providers). Only OpenAI's and Anthropic's
 * names are taken: a bare Gemini name is a Vertex AI model to LiteLLM and the Gemini API's to most
 * users, and other providers' models are written with their prefix in LiteLLM too.
 */
final class BareModels {

    /** The providers whose bare model names are inferred, in the order LiteLLM tries them. */
    static final List<String> PROVIDERS = List.of("openai", "anthropic");

    private BareModels() {}

    /** Inference from the price table bundled with Gatehouse. */
    static Function<String, Optional<String>> bundled() {
        return from(PriceTable.bundled());
    }

    /** Inference from {@code table}: the first of {@link #PROVIDERS} that lists the name (or its dated snapshot). */
    static Function<String, Optional<String>> from(PriceTable table) {
        return model -> PROVIDERS.stream().filter(provider -> table.find(provider, model).isPresent()).findFirst();
    }
}
