package dev.gatehouse.provider.sagemaker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
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
import dev.gatehouse.provider.EndUserField;
import dev.gatehouse.provider.SseChatStream;
import dev.gatehouse.provider.StreamDecoder;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenAI-format chat served by a SageMaker real-time endpoint: {@code POST
 * {base}/endpoints/{name}/invocations} (InvokeEndpoint) and {@code /invocations-response-stream}
 * (InvokeEndpointWithResponseStream), where the base is
 * {@code https://runtime.sagemaker.{region}.amazonaws.com} unless the deployment names one
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_runtime_InvokeEndpoint.html and
 * API_runtime_InvokeEndpointWithResponseStream.html). The endpoint's name is the deployment's
 * upstream model.
 *
 * <p>SageMaker passes the body to the endpoint's container as it is, so what it holds is the
 * container's format: {@code sagemaker} writes the Hugging Face text-generation (TGI) format
 * ({@link TgiRequestMapper}), {@code sagemaker_chat} the container's OpenAI-compatible Messages
 * API ({@link MessagesApiMapper}), as LiteLLM's providers of the same names do. A stream's
 * {@code PayloadPart} events carry the container's own server-sent events ({@link PayloadPartStream}).
 *
 * <p>Authentication: AWS credentials ({@code aws_access_key_id}, {@code aws_secret_access_key},
 * optional {@code aws_session_token}) sign each request with Signature Version 4 for the service
 * {@code sagemaker} in the deployment's {@code region} option. SageMaker Runtime takes no API key.
 * The option {@code inference_component} is sent as {@code X-Amzn-SageMaker-Inference-Component},
 * for endpoints that host several models as inference components.
 */
final class SageMakerProvider implements ChatProvider {

    static final String REGION = AwsDeployment.REGION;
    static final String INFERENCE_COMPONENT = "inference_component";
    static final String ACCESS_KEY_ID = AwsDeployment.ACCESS_KEY_ID;
    static final String SECRET_ACCESS_KEY = AwsDeployment.SECRET_ACCESS_KEY;
    static final String SESSION_TOKEN = AwsDeployment.SESSION_TOKEN;
    /** SageMaker Runtime's signing name (its host is runtime.sagemaker.{region}.amazonaws.com). */
    static final String SIGNING_SERVICE = "sagemaker";
    static final String NAME = "SageMaker";

    /** The body format of the endpoint's container, by provider id. */
    enum Format { TGI, MESSAGES_API }

    private final Format format;
    private final Clock clock;
    final UpstreamCalls.Errors errors = (response, body) -> SageMakerErrors.fromResponse(response.status(),
            response.header("x-amzn-errortype").orElse(null), response.header("retry-after").orElse(null), body);

    SageMakerProvider(Format format) {
        this(format, Clock.systemUTC());
    }

    SageMakerProvider(Format format, Clock clock) {
        this.format = format;
        this.clock = clock;
    }

    /** Neither format has a field every container reads for the end user: {@code user} is left out and named. */
    @Override
    public CheckedChat checkFields(ChatRequest request, Deployment deployment) {
        return EndUserField.leftOut(request);
    }

    @Override
    public ChatResponse chat(ChatRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        long created = clock.instant().getEpochSecond();
        if (format == Format.TGI) {
            TgiRequestMapper.Tgi tgi = TgiRequestMapper.toTgi(request, deployment, false);
            return UpstreamCalls.read(upstream.transport(), call(tgi.body(), deployment, request.model(), false),
                    errors, (response, answer) -> TgiResponseMapper.toChatResponse(Json.parseUpstream(answer, NAME),
                            tgi.prompt(), "chatcmpl-" + requestId(response), request.model(), created));
        }
        ObjectNode body = MessagesApiMapper.toMessagesApi(request, deployment, false);
        return UpstreamCalls.read(upstream.transport(), call(body, deployment, request.model(), false), errors,
                (response, answer) -> MessagesApiMapper.toChatResponse(Json.parseUpstream(answer, NAME),
                        "chatcmpl-" + requestId(response), request.model(), created));
    }

    @Override
    public ChatStream stream(ChatRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        long created = clock.instant().getEpochSecond();
        ObjectNode body = format == Format.TGI ? TgiRequestMapper.toTgi(request, deployment, true).body()
                : MessagesApiMapper.toMessagesApi(request, deployment, true);
        UpstreamResponse response = UpstreamCalls.open(upstream.transport(), call(body, deployment, request.model(), true),
                errors);
        String id = "chatcmpl-" + requestId(response);
        StreamDecoder decoder = format == Format.TGI
                ? new TgiStreamDecoder(id, request.model(), created, request.includeUsage())
                : new MessagesApiStreamDecoder(id, request.model(), created, request.includeUsage());
        return events(response, decoder);
    }

    /** The container's server-sent events, read out of the PayloadPart events that carry them. */
    private static ChatStream events(UpstreamResponse response, StreamDecoder decoder) {
        UpstreamResponse payloads = new UpstreamResponse(response.status(), response.headers(),
                new PayloadPartStream(response.body(), response.limits()), response.limits());
        return new SseChatStream(payloads, decoder);
    }

    private static String requestId(UpstreamResponse response) {
        return response.header("x-amzn-requestid").orElse(UUID.randomUUID().toString());
    }

    /** The signed InvokeEndpoint call (or, for a stream, InvokeEndpointWithResponseStream) with this body. */
    UpstreamRequest call(ObjectNode body, Deployment deployment, String endpointName, boolean stream) {
        URI uri = endpoint(deployment, endpointName, stream);
        byte[] bytes = Json.bytes(body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        if (!stream) {
            // InvokeEndpoint passes Accept to the container as the answer type it wants. The stream's
            // Accept would be X-Amzn-SageMaker-Accept; like LiteLLM, none is sent and the container's default holds.
            headers.put("accept", "application/json");
        }
        String component = deployment.options().get(INFERENCE_COMPONENT);
        if (component != null) {
            headers.put("x-amzn-sagemaker-inference-component", component);
        }
        Map<String, List<String>> signed = new LinkedHashMap<>();
        headers.forEach((name, value) -> signed.put(name, List.of(value)));
        headers.putAll(SigV4.sign(new SigV4.Request("POST", uri, signed, bytes), credentials(deployment),
                new SigV4.Scope(region(deployment), SIGNING_SERVICE), clock.instant()));
        return new UpstreamRequest("POST", uri, headers, bytes, deployment.timeout(), deployment.totalTimeout(),
                deployment.idleTimeout());
    }

    /** {@code {base}/endpoints/{name}/invocations[-response-stream]}; the name is percent-encoded as SigV4 wants. */
    static URI endpoint(Deployment deployment, String endpointName, boolean stream) {
        String base = deployment.baseUrl() != null ? deployment.baseUrl().toString()
                : "https://" + defaultHost(region(deployment));
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/endpoints/" + SigV4.encode(endpointName) + "/"
                + (stream ? "invocations-response-stream" : "invocations"));
    }

    /** The host a deployment calls when it names no base URL. */
    static String defaultHost(String region) {
        return "runtime.sagemaker." + region + ".amazonaws.com";
    }

    static String region(Deployment deployment) {
        return AwsDeployment.region(deployment, "SageMaker");
    }

    private static AwsCredentials credentials(Deployment deployment) {
        AwsCredentials credentials = AwsDeployment.credentials(deployment);
        if (credentials == null) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on SageMaker has no "
                    + "AWS credentials: give aws_access_key_id and aws_secret_access_key.", "model");
        }
        return credentials;
    }

    /** The credential names this provider reads from a deployment. */
    static List<String> credentialNames() {
        return AwsDeployment.CREDENTIAL_NAMES;
    }
}
