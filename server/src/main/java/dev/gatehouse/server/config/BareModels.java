package dev.gatehouse.server.config;

import dev.gatehouse.catalog.ModelCatalog;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which provider serves a model name written without one ({@code gpt-4o}, {@code claude-sonnet-4-5},
 * {@code gemini-2.5-pro}), as LiteLLM infers it: from the names its model map lists without a prefix
 * (https://docs.litellm.ai/docs/providers), which Gatehouse's catalog keeps
 * ({@link ModelCatalog#providerOf}, docs/catalog.md). A bare Gemini name is therefore Vertex AI's,
 * as in LiteLLM; the Gemini API's models are written {@code gemini/…} there and here.
 */
final class BareModels {

    private BareModels() {}

    /** Inference from the catalog bundled with Gatehouse. */
    static Function<String, Optional<String>> bundled() {
        return ModelCatalog.bundled()::providerOf;
    }
}
