package dev.gatehouse.catalog;

/**
 * What a model can do, as its catalog entry states it; null where the source does not say.
 *
 * @param tools          it takes tool (function) definitions and calls them
 * @param parallelTools  it can call several tools in one answer
 * @param vision         it reads images in the prompt
 * @param reasoning      it reasons before it answers (thinking, reasoning effort)
 * @param jsonSchema     it answers in a JSON schema the request gives ({@code response_format})
 * @param usageInStreams its streams end with the request's usage. LiteLLM's map has no such field, so an
 *                       entry read from it leaves this unknown
 */
public record Capabilities(Boolean tools, Boolean parallelTools, Boolean vision, Boolean reasoning,
        Boolean jsonSchema, Boolean usageInStreams) {

    /** Nothing known. */
    public static final Capabilities UNKNOWN = new Capabilities(null, null, null, null, null, null);
}
