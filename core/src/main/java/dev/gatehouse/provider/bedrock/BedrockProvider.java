package dev.gatehouse.provider.bedrock;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.aws.AwsCredentials;
import dev.gatehouse.aws.AwsDeployment;
import dev.gatehouse.aws.SigV4;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.EmbeddingProvider;
import dev.gatehouse.provider.EndUserField;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenAI-format chat served by AWS Bedrock's Converse API: {@code POST
 * {base}/model/{modelId}/converse} and {@code /converse-stream}, where the base is
 * {@code https://bedrock-runtime.{region}.amazonaws.com} unless the deployment names one
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html).
 *
 * <p>Authentication, from the deployment: AWS credentials ({@code aws_access_key_id},
 * {@code aws_secret_access_key}, optional {@code aws_session_token}) sign each request with
 * Signature Version 4 for the service {@code bedrock} in the deployment's {@code region}
 * option; without them, the deployment's API key is sent as a Bedrock API key
 * ({@code Authorization: Bearer}).
 *
 * <p>Embeddings go through InvokeModel ({@code POST {base}/model/{modelId}/invoke},
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html), signed the
 * same way, with the body of the model's family ({@link BedrockEmbeddings}).
 */
public final class BedrockProvider implements ChatProvider, EmbeddingProvider {

    public static final String REGION = AwsDeployment.REGION;
    public static final String ACCESS_KEY_ID = AwsDeployment.ACCESS_KEY_ID;
    public static final String SECRET_ACCESS_KEY = AwsDeployment.SECRET_ACCESS_KEY;
    public static final String SESSION_TOKEN = AwsDeployment.SESSION_TOKEN;
    /** The signing name of the Bedrock runtime (its endpoint prefix is bedrock-runtime, its signing name bedrock). */
    static final String SIGNING_SERVICE = "bedrock";
    /** AWS region names: letters, digits and dashes (us-east-1, eu-central-2, us-gov-west-1). */

    private final Clock clock;
    private final UpstreamCalls.Errors errors;

    public BedrockProvider() {
        this(Clock.systemUTC());
    }

    BedrockProvider(Clock clock) {
        this.clock = clock;
        this.errors = (response, body) -> BedrockErrors.fromResponse(response.status(),
                response.header("x-amzn-errortype").orElse(null), response.header("retry-after").orElse(null), body,
                clock);
    }

    /** Bedrock takes images only as bytes: the gateway inlines image URLs first, where the deployment allows. */
    @Override
    public boolean acceptsImageUrls() {
        return false;
    }

    /** Bedrock's Converse API has no end-user field: {@code user} is left out and named, never refused. */
    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return EndUserField.leftOut(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        ObjectNode body = BedrockRequestMapper.toConverse(request, upstream.deployment());
        return UpstreamCalls.read(upstream.transport(), call(body, upstream.deployment(), "converse", request.model()),
                errors, (response, answer) -> BedrockResponseMapper.toChatResponse(Json.parseUpstream(answer,
                        "Bedrock"), "chatcmpl-" + requestId(response), request.model(), clock.instant().getEpochSecond()));
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        ObjectNode body = BedrockRequestMapper.toConverse(request, upstream.deployment());
        UpstreamResponse response = UpstreamCalls.open(upstream.transport(),
                call(body, upstream.deployment(), "converse-stream", request.model()), errors);
        return new BedrockChatStream(response, new BedrockStreamDecoder("chatcmpl-" + requestId(response),
                request.model(), clock.instant().getEpochSecond(), request.includeUsage()));
    }

    /** Bedrock's embedding models have no end-user field: the gateway leaves {@code user} out and names it. */
    @Override
    public boolean takesEndUser() {
        return false;
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        int most = BedrockEmbeddings.family(request.model()).maxPerCall;
        int limit = Math.min(most, EmbeddingBatches.limit(upstream.deployment(), most));
        return EmbeddingBatches.run(request, limit, "Bedrock", part -> embedOnce(part, upstream));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Upstream upstream) {
        ObjectNode body = BedrockEmbeddings.toBedrock(request, upstream.deployment());
        return UpstreamCalls.read(upstream.transport(), call(body, upstream.deployment(), "invoke", request.model()),
                errors, (response, answer) -> BedrockEmbeddings.toResponse(Json.parseUpstream(answer, "Bedrock"),
                        request, response.header("x-amzn-bedrock-input-token-count").orElse(null)));
    }

    private static String requestId(UpstreamResponse response) {
        return response.header("x-amzn-requestid").orElse(UUID.randomUUID().toString());
    }

    private UpstreamRequest call(ObjectNode body, Deployment deployment, String operation, String modelId) {
        URI uri = endpoint(deployment, modelId, operation);
        byte[] bytes = Json.bytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("accept", operation.equals("converse-stream") ? "application/vnd.amazon.eventstream"
                : "application/json");
        AwsCredentials credentials = credentials(deployment);
        if (credentials != null) {
            headers.putAll(SigV4.sign(new SigV4.Request("POST", uri, Map.of(), bytes), credentials,
                    new SigV4.Scope(region(deployment), SIGNING_SERVICE), clock.instant()));
        } else if (deployment.apiKey() != null) {
            headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
        } else {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on Bedrock has no "
                    + "credentials: give aws_access_key_id and aws_secret_access_key, or a Bedrock API key.", "model");
        }
        return new UpstreamRequest("POST", uri, headers, bytes, deployment.timeout(), deployment.totalTimeout(),
                deployment.idleTimeout());
    }

    /** {@code {base}/model/{modelId}/{operation}}; the model id is percent-encoded (it holds ':' and, for an ARN, '/'). */
    static URI endpoint(Deployment deployment, String modelId, String operation) {
        String base = deployment.baseUrl() != null ? deployment.baseUrl().toString()
                : "https://bedrock-runtime." + region(deployment) + ".amazonaws.com";
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/model/" + SigV4.encode(modelId) + "/" + operation);
    }

    /** The host a deployment calls when it names no base URL, for configuration checks. */
    public static String defaultHost(String region) {
        return "bedrock-runtime." + region + ".amazonaws.com";
    }

    static String region(Deployment deployment) {
        return AwsDeployment.region(deployment, "Bedrock");
    }

    private static AwsCredentials credentials(Deployment deployment) {
        return AwsDeployment.credentials(deployment);
    }

    /** The credential names this provider reads from a deployment. */
    public static List<String> credentialNames() {
        return AwsDeployment.CREDENTIAL_NAMES;
    }
}
