package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ResponseFormat;
import dev.gatehouse.api.ToolChoice;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.UnsupportedParams;

/**
 * ChatRequest → the Hugging Face text-generation (TGI) body an endpoint's container reads:
 * {@code {"inputs": prompt, "parameters": {…}, "stream": true}}
 * (https://huggingface.github.io/text-generation-inference/ — its {@code /generate} and
 * {@code /generate_stream}, which TGI's SageMaker entry point serves on {@code /invocations}).
 * The chat becomes one prompt by the deployment's {@link PromptTemplate}.
 *
 * <ul>
 *   <li>{@code max_tokens}/{@code max_completion_tokens} (or the deployment's default) →
 *       {@code max_new_tokens}, at least 1;</li>
 *   <li>{@code temperature} → {@code temperature}; 0, which TGI refuses ("must be strictly
 *       positive"), means greedy decoding: {@code do_sample: false} and no temperature (LiteLLM
 *       sends 0.01 instead);</li>
 *   <li>{@code top_p} → {@code top_p}; 1, which TGI refuses ("must be &lt; 1.0"), means no
 *       nucleus sampling and is left out;</li>
 *   <li>{@code stop} → {@code stop}; {@code seed} → {@code seed};</li>
 *   <li>a {@code json_schema} response format → TGI's {@code grammar} {@code {"type":"json","value":schema}}.</li>
 * </ul>
 *
 * With the option {@code tgi_details: true}, the body asks for TGI's {@code details} (and, when
 * not streamed, {@code decoder_input_details}), whose token counts become the usage. Everything
 * else (tools, more than one choice, JSON mode without a schema, other fields) is refused with a
 * 400 naming it, or dropped when the deployment drops unsupported parameters.
 */
final class TgiRequestMapper {

    static final String DETAILS_OPTION = "tgi_details";

    /** The body, and the prompt it holds (a container may echo it before its answer). */
    record Tgi(ObjectNode body, String prompt) {}

    private TgiRequestMapper() {}

    static Tgi toTgi(ChatRequest request, Deployment deployment, boolean stream) {
        UnsupportedParams unsupported = new UnsupportedParams(SageMakerProvider.NAME, deployment.dropParams());
        PromptTemplate template = PromptTemplate.forEndpoint(deployment.options().get(PromptTemplate.OPTION),
                request.model());
        String prompt = template.render(request.messages());
        ObjectNode body = Json.object().put("inputs", prompt);
        ObjectNode parameters = body.putObject("parameters");
        limit(request, deployment, parameters);
        sampling(request, parameters);
        if (!request.stop().isEmpty()) {
            ArrayNode stop = parameters.putArray("stop");
            request.stop().forEach(stop::add);
        }
        if (request.seed() != null) {
            parameters.put("seed", request.seed());
        }
        if (wantsDetails(deployment)) {
            parameters.put("details", true);
            if (!stream) {
                parameters.put("decoder_input_details", true); // the prompt's tokens; TGI refuses it in a stream
            }
        }
        if (stream) {
            body.put("stream", true);
        }
        refuseTheRest(request, parameters, unsupported);
        return new Tgi(body, prompt);
    }

    static boolean wantsDetails(Deployment deployment) {
        return "true".equals(deployment.options().get(DETAILS_OPTION));
    }

    private static void limit(ChatRequest request, Deployment deployment, ObjectNode parameters) {
        Integer limit = request.outputTokenLimit();
        if (limit != null) {
            if (limit < 1) {
                String param = request.maxCompletionTokens() != null ? "max_completion_tokens" : "max_tokens";
                throw UnsupportedParams.invalid(param, param + " must be at least 1");
            }
            parameters.put("max_new_tokens", limit);
        } else if (deployment.defaultMaxTokens() != null) {
            parameters.put("max_new_tokens", deployment.defaultMaxTokens());
        }
    }

    private static void sampling(ChatRequest request, ObjectNode parameters) {
        Double temperature = request.temperature();
        if (temperature != null) {
            if (temperature < 0) {
                throw UnsupportedParams.invalid("temperature", "temperature must not be negative");
            }
            if (temperature == 0) {
                parameters.put("do_sample", false);
            } else {
                parameters.put("temperature", temperature);
            }
        }
        Double topP = request.topP();
        if (topP != null) {
            if (topP <= 0 || topP > 1) {
                throw UnsupportedParams.invalid("top_p", "top_p must be above 0 and at most 1");
            }
            if (topP < 1) {
                parameters.put("top_p", topP);
            }
        }
    }

    private static void refuseTheRest(ChatRequest request, ObjectNode parameters, UnsupportedParams unsupported) {
        String toTools = "; serve a model that calls tools with sagemaker_chat";
        if (!request.tools().isEmpty()) {
            unsupported.reject("tools", "SageMaker's text-generation format has no tools" + toTools);
        }
        if (request.toolChoice() != null && !(request.toolChoice() instanceof ToolChoice.None)
                && !(request.toolChoice() instanceof ToolChoice.Auto)) {
            unsupported.reject("tool_choice", "SageMaker's text-generation format has no tools" + toTools);
        }
        if (request.parallelToolCalls() != null) {
            unsupported.reject("parallel_tool_calls", "SageMaker's text-generation format has no tools" + toTools);
        }
        if (request.n() != null && request.n() != 1) {
            unsupported.reject("n", "SageMaker's text-generation format generates one choice per request");
        }
        switch (request.responseFormat()) {
            case null -> { }
            case ResponseFormat.Text text -> { }
            case ResponseFormat.JsonSchema schema -> parameters.putObject("grammar").put("type", "json")
                    .set("value", schema.schema() == null ? Json.object() : schema.schema());
            case ResponseFormat.JsonObject json -> unsupported.reject("response_format",
                    "SageMaker's text-generation format constrains JSON only to a schema: give json_schema");
        }
        request.extensions().keySet().forEach(name -> unsupported.reject(name,
                "SageMaker's text-generation format has no equivalent of '" + name + "'"));
    }
}
