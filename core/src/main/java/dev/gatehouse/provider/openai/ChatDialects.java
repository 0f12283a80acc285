package dev.gatehouse.provider.openai;

import static dev.gatehouse.api.wire.FieldShape.ANY;

import dev.gatehouse.api.wire.FieldShape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each compatible member's chat fields, as data: the further top-level fields its API reference
 * documents (see {@link ChatDialect}), and the ones that change the price. A field not listed for
 * a member is refused with a 400 naming it, or dropped when the deployment drops parameters.
 *
 * <p>Left out on purpose although documented, because a caller must not choose them for the
 * operator: vLLM's {@code chat_template}, {@code chat_template_kwargs} and
 * {@code mm_processor_kwargs} (a Jinja template run on the server: a denial of service and
 * worse), its {@code guided_regex}/{@code guided_grammar} (compiled per request) and
 * {@code priority}/{@code request_id}; Azure's {@code data_sources} (makes the resource query
 * search indexes with its own identity); OpenAI's deprecated {@code functions} and
 * {@code function_call}.
 */
final class ChatDialects {

    /** The sampling fields most members share with OpenAI. */
    private static final String[] PENALTIES = {"frequency_penalty", "presence_penalty"};
    private static final FieldShape.Named PREDICTION = FieldShape.names("type", "content");
    private static final FieldShape.Named WEB_SEARCH = FieldShape.of("search_context_size", ANY,
            "user_location", FieldShape.of("type", ANY,
                    "approximate", FieldShape.names("city", "country", "region", "timezone")));

    /** platform.openai.com/docs/api-reference/chat/create */
    static final ChatDialect OPENAI = dialect("https://platform.openai.com/docs/api-reference/chat/create",
            FieldShape.names(PENALTIES).plus("logit_bias", "logprobs", "top_logprobs", "metadata", "modalities",
                    "reasoning_effort", "service_tier", "store", "verbosity", "prompt_cache_key",
                    "safety_identifier")
                    .plus("audio", FieldShape.names("voice", "format"))
                    .plus("prediction", PREDICTION)
                    .plus("web_search_options", WEB_SEARCH),
            // Priority processing is billed above the standard price; a web search is billed per call and
            // audio output at audio rates, neither in the price table's token prices.
            Map.of("service_tier", Set.of("auto", "default"), "web_search_options", Set.of(), "audio", Set.of()));

    /** The members by profile id. */
    private static final Map<String, ChatDialect> BY_ID = byId();

    private ChatDialects() {}

    /** The dialect of a profile; OpenAI's plain list for a profile without its own. */
    static ChatDialect of(CompatibleProfile profile) {
        return BY_ID.getOrDefault(profile.id(), BY_ID.get("openai_compatible"));
    }

    /** Every member's price fields together. */
    static Set<String> priceFields() {
        return BY_ID.values().stream().flatMap(d -> d.priceFields().keySet().stream())
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    private static Map<String, ChatDialect> byId() {
        Map<String, ChatDialect> all = new LinkedHashMap<>();
        all.put("openai", OPENAI);
        // learn.microsoft.com/en-us/azure/ai-foundry/openai/reference (createChatCompletionRequest); without
        // data_sources, see the class comment.
        all.put("azure", dialect("https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference",
                FieldShape.names(PENALTIES).plus("logit_bias", "logprobs", "top_logprobs", "metadata", "modalities",
                        "reasoning_effort", "store", "user_security_context")
                        .plus("audio", FieldShape.names("voice", "format"))
                        .plus("prediction", PREDICTION),
                Map.of("audio", Set.of())));
        // Live Search (search_parameters) is billed per source used, outside the token prices.
        all.put("xai", dialect("https://docs.x.ai/docs/api-reference#chat-completions",
                FieldShape.names(PENALTIES).plus("logit_bias", "logprobs", "top_logprobs", "reasoning_effort",
                        "search_parameters"),
                Map.of("search_parameters", Set.of())));
        all.put("mistral", dialect("https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post",
                FieldShape.names(PENALTIES).plus("random_seed", "safe_prompt", "prompt_mode")
                        .plus("prediction", PREDICTION),
                Map.of()));
        // Groq refuses logprobs, logit_bias and top_logprobs (console.groq.com/docs/openai); its performance
        // tier is billed above on-demand.
        all.put("groq", dialect("https://console.groq.com/docs/api-reference#chat-create",
                FieldShape.names(PENALTIES).plus("reasoning_effort", "reasoning_format", "include_reasoning",
                        "service_tier", "metadata"),
                Map.of("service_tier", Set.of("auto", "on_demand", "flex"))));
        all.put("deepseek", dialect("https://api-docs.deepseek.com/api/create-chat-completion",
                FieldShape.names(PENALTIES).plus("logprobs", "top_logprobs", "reasoning_effort")
                        .plus("thinking", FieldShape.names("type")),
                Map.of()));
        // safety_model runs a second model over the exchange, billed as well.
        all.put("together", dialect("https://docs.together.ai/reference/chat-completions-1",
                FieldShape.names(PENALTIES).plus("top_k", "min_p", "repetition_penalty", "logit_bias", "logprobs",
                        "echo", "context_length_exceeded_behavior", "reasoning_effort", "safety_model"),
                Map.of("safety_model", Set.of())));
        all.put("fireworks", dialect("https://docs.fireworks.ai/api-reference/post-chatcompletions",
                FieldShape.names(PENALTIES).plus("top_k", "min_p", "typical_p", "repetition_penalty",
                        "mirostat_target", "mirostat_lr", "logit_bias", "logprobs", "top_logprobs", "echo",
                        "ignore_eos", "context_length_exceeded_behavior", "prompt_truncate_len", "reasoning_effort")
                        .plus("prediction", PREDICTION),
                Map.of()));
        // models/route answer with another model at its price, provider preferences may pick a dearer host,
        // plugins (web search) and web_search_options are billed per request.
        all.put("openrouter", dialect("https://openrouter.ai/docs/api-reference/chat-completion",
                FieldShape.names(PENALTIES).plus("top_k", "min_p", "top_a", "repetition_penalty", "logit_bias",
                        "logprobs", "top_logprobs", "transforms", "verbosity", "models", "route", "provider",
                        "plugins")
                        .plus("reasoning", FieldShape.names("effort", "max_tokens", "exclude", "enabled"))
                        .plus("usage", FieldShape.names("include"))
                        .plus("web_search_options", WEB_SEARCH),
                Map.of("models", Set.of(), "route", Set.of(), "provider", Set.of(), "plugins", Set.of(),
                        "web_search_options", Set.of())));
        // The search context size sets the per-request fee.
        all.put("perplexity", dialect("https://docs.perplexity.ai/api-reference/chat-completions-post",
                FieldShape.names(PENALTIES).plus("top_k", "search_mode", "reasoning_effort", "search_domain_filter",
                        "return_images", "return_related_questions", "search_recency_filter",
                        "search_after_date_filter", "search_before_date_filter", "last_updated_after_filter",
                        "last_updated_before_filter", "disable_search", "enable_search_classifier")
                        .plus("web_search_options", WEB_SEARCH.plus("image_search_relevance_enhanced")),
                Map.of("web_search_options", Set.of())));
        all.put("ollama", dialect("https://docs.ollama.com/api/openai-compatibility",
                FieldShape.names(PENALTIES).plus("reasoning_effort", "logprobs", "top_logprobs")
                        .plus("reasoning", FieldShape.names("effort")), Map.of()));
        // vLLM's extra sampling parameters, without those the class comment names.
        all.put("vllm", dialect("https://docs.vllm.ai/en/stable/serving/openai_compatible_server/#chat-api",
                FieldShape.names(PENALTIES).plus("logit_bias", "logprobs", "top_logprobs", "reasoning_effort",
                        "top_k", "min_p", "repetition_penalty", "length_penalty", "min_tokens", "stop_token_ids",
                        "include_stop_str_in_output", "ignore_eos", "skip_special_tokens",
                        "spaces_between_special_tokens", "truncate_prompt_tokens", "echo", "add_generation_prompt",
                        "continue_final_message", "guided_json", "guided_choice"),
                Map.of()));
        // Any other OpenAI-format server: only what OpenAI documents and such servers commonly take.
        all.put("openai_compatible", dialect("https://platform.openai.com/docs/api-reference/chat/create",
                FieldShape.names(PENALTIES).plus("logit_bias", "logprobs", "top_logprobs", "reasoning_effort"),
                Map.of()));
        return Map.copyOf(all);
    }

    private static ChatDialect dialect(String reference, FieldShape.Named fields, Map<String, Set<String>> priced) {
        return new ChatDialect(reference, fields.fields(), priced);
    }
}
