package dev.gatehouse.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.ImageEditProvider;
import dev.gatehouse.provider.ImageProvider;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Black Forest Labs' FLUX API: generations, and edits with FLUX Kontext.
 *
 * <p>One task per image: {@code POST {base}/v1/{model}} with the key in {@code x-key} answers
 * {@code {"id","polling_url"}}; Gatehouse polls the polling URL ({@code GET}, with {@code x-key})
 * until the task is {@code Ready}, fails, or the deployment's total timeout passes; then it
 * downloads {@code result.sample}, a signed URL that expires after about ten minutes, at once and
 * without the key, and answers with the image in base64 (docs.bfl.ai/quick_start/generating_images,
 * docs.bfl.ai/api_integration/integration_guidelines). Both URLs are checked by {@link BflHosts}
 * first; redirects are never followed (the transport does not), and the download is size-limited.
 *
 * <p>Deployment options: {@code allowed_hosts} (comma-separated, default {@code *.bfl.ai}),
 * {@code poll_interval_ms} (default 1000), {@code max_image_bytes} (default 20 MiB).
 */
public final class BflProvider implements ImageProvider, ImageEditProvider {

    public static final String DEFAULT_BASE_URL = "https://api.bfl.ai";
    static final long DEFAULT_POLL_MILLIS = 1000;
    static final long DEFAULT_MAX_IMAGE_BYTES = 20L * 1024 * 1024;
    private static final Pattern SAFE_MODEL = Pattern.compile("[A-Za-z0-9._-]+");

    private final Clock clock;
    private final UpstreamCalls.Errors errors;

    public BflProvider() {
        this(Clock.systemUTC());
    }

    BflProvider(Clock clock) {
        this.clock = clock;
        this.errors = BflErrors.of(clock);
    }

    @Override
    public ImageResponse generateImages(ImageRequest request, Upstream upstream) {
        return run(request, upstream);
    }

    @Override
    public ImageResponse editImages(ImageRequest request, Upstream upstream) {
        return run(request, upstream);
    }

    private ImageResponse run(ImageRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        byte[] body = Json.bytes(BflRequestMapper.toBfl(request, deployment));
        BflTask task = new BflTask(upstream.transport(), deployment, hosts(deployment), options(deployment), errors);
        long deadline = System.nanoTime() + deployment.totalTimeout().toNanos();
        List<ImageResponse.Image> images = new ArrayList<>(request.count());
        String format = request.outputFormat() != null ? request.outputFormat() : "jpeg";
        for (int i = 0; i < request.count(); i++) {
            URI polling = submit(request.model(), body, upstream, task);
            BflTask.Result result = task.await(polling, deadline);
            images.add(new ImageResponse.Image(result.base64(), null, null));
            format = result.format() != null ? result.format() : format;
        }
        return new ImageResponse(clock.instant().getEpochSecond(), images, null, format, null, request.size(),
                new ImageResponse.ImageUsage(images.size(), request.size(), null, null, null, null));
    }

    private URI submit(String model, byte[] body, Upstream upstream, BflTask task) {
        Deployment deployment = upstream.deployment();
        Map<String, String> headers = Map.of("x-key", deployment.apiKey() == null ? "" : deployment.apiKey().reveal(),
                "accept", "application/json");
        UpstreamRequest call = UpstreamRequest.postJson(endpoint(deployment, model), headers, body,
                deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
        JsonNode answer = UpstreamCalls.json(upstream.transport(), call, errors, "BFL");
        String pollingUrl = Json.textOrNull(answer, "polling_url");
        if (pollingUrl == null) {
            throw new GatewayException.UpstreamServerError("BFL accepted the task but returned no polling_url", 0,
                    Json.text(answer));
        }
        return task.checkPollingUrl(pollingUrl);
    }

    static URI endpoint(Deployment deployment, String model) {
        if (!SAFE_MODEL.matcher(model).matches() || model.contains("..")) {
            throw new GatewayException.BadRequest("the BFL model name '" + model
                    + "' may only contain letters, digits, '.', '_' and '-'", "model");
        }
        return URI.create(base(deployment) + "/v1/" + model);
    }

    private static String base(Deployment deployment) {
        String base = deployment.baseUrlOr(URI.create(DEFAULT_BASE_URL)).toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    private static BflHosts hosts(Deployment deployment) {
        return BflHosts.of(deployment.options().get("allowed_hosts"), deployment.baseUrl());
    }

    private static BflTask.Options options(Deployment deployment) {
        return new BflTask.Options(positive(deployment, "poll_interval_ms", DEFAULT_POLL_MILLIS),
                positive(deployment, "max_image_bytes", DEFAULT_MAX_IMAGE_BYTES));
    }

    private static long positive(Deployment deployment, String option, long fallback) {
        String value = deployment.options().get(option);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' has an invalid option "
                + option + ": '" + value + "' (expected a positive integer).", null);
    }
}
