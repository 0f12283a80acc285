package dev.gatehouse.provider.openai;

import dev.gatehouse.conformance.ConformanceSuite;
import dev.gatehouse.testkit.ScriptableFake;
import dev.gatehouse.testkit.openai.FakeOpenAiCompletions;
import java.util.Set;

/**
 * The conformance suite against the strict fake of OpenAI's legacy Completions API. The API reads
 * one text prompt and answers text: it has no tools (no tool scenario, parallel or not, and no tool
 * results in a conversation), no images and no JSON schema output; each of those is a clear 400.
 * Conversations of several messages go as one transcript prompt (TextCompletionPrompt).
 */
class TextCompletionConformanceTest extends ConformanceSuite {

    @Override
    protected ScriptableFake newFake() {
        return new FakeOpenAiCompletions();
    }

    @Override
    protected String providerId() {
        return TextCompletionProvider.ID;
    }

    @Override
    protected String upstreamModel() {
        return "gpt-3.5-turbo-instruct";
    }

    @Override
    protected Set<String> unsupported() {
        return Set.of(TOOLS, IMAGE_INPUT, JSON_SCHEMA);
    }
}
