package dev.gatehouse.provider.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.Transport;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.http.UpstreamResponse;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Waits for one BFL task and fetches its image. Statuses follow BFL's get_result reference
 * (docs.bfl.ai/api-reference/utility/get-result): {@code Pending} (and {@code Processing},
 * {@code Queued}) mean poll again; {@code Ready} carries {@code result.sample}; {@code Error},
 * {@code Request Moderated}, {@code Content Moderated} and {@code Task not found} end the task.
 */
final class BflTask {

    /** How often to poll, and the largest image accepted. */
    record Options(long pollMillis, long maxImageBytes) {}

    /** A finished image: base64, and its format when the download says. */
    record Result(String base64, String format) {}

    private static final Set<String> WAITING = Set.of("Pending", "Processing", "Queued");
    private static final Map<String, String> FORMATS = Map.of("image/jpeg", "jpeg", "image/png", "png",
            "image/webp", "webp");

    private final Transport transport;
    private final Deployment deployment;
    private final BflHosts hosts;
    private final Options options;
    private final UpstreamCalls.Errors errors;

    BflTask(Transport transport, Deployment deployment, BflHosts hosts, Options options, UpstreamCalls.Errors errors) {
        this.transport = transport;
        this.deployment = deployment;
        this.hosts = hosts;
        this.options = options;
        this.errors = errors;
    }

    URI checkPollingUrl(String url) {
        return hosts.check(url, "polling URL");
    }

    /** Polls until the task ends or {@code deadlineNanos} (System.nanoTime) passes. */
    Result await(URI polling, long deadlineNanos) {
        while (true) {
            sleepBefore(deadlineNanos);
            JsonNode answer = poll(polling, deadlineNanos);
            String status = Json.textOrNull(answer, "status");
            if (status == null) {
                throw new GatewayException.UpstreamServerError("BFL answered a poll without a status", 0,
                        Json.text(answer));
            }
            if (status.equals("Ready")) {
                String sample = Json.textOrNull(answer.path("result"), "sample");
                if (sample == null) {
                    throw new GatewayException.UpstreamServerError("BFL reported the task Ready without a result",
                            0, null);
                }
                return download(hosts.check(sample, "result URL"), deadlineNanos);
            }
            if (!WAITING.contains(status)) {
                throw BflErrors.fromStatus(status, Json.text(answer));
            }
        }
    }

    private void sleepBefore(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw timeout();
        }
        try {
            transport.pause(Duration.ofNanos(Math.min(left, Duration.ofMillis(options.pollMillis()).toNanos())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GatewayException.TransportFailure("interrupted while waiting for BFL", e);
        }
    }

    private JsonNode poll(URI polling, long deadlineNanos) {
        UpstreamRequest call = new UpstreamRequest("GET", polling, Map.of("x-key", key(), "accept",
                "application/json"), null, deployment.timeout(), remaining(deadlineNanos));
        return UpstreamCalls.json(transport, call, errors, "BFL");
    }

    /** Fetches the signed result without the key (it is not BFL's API host), within the size limit. */
    private Result download(URI sample, long deadlineNanos) {
        UpstreamRequest call = new UpstreamRequest("GET", sample, Map.of("accept", "image/*"), null,
                deployment.timeout(), remaining(deadlineNanos));
        try (UpstreamResponse response = transport.send(call)) {
            if (response.status() != 200) {
                throw new GatewayException.UpstreamServerError("BFL's result could not be downloaded (HTTP "
                        + response.status() + (response.status() / 100 == 3 ? ", a redirect, which is not followed"
                        : response.status() == 403 || response.status() == 404 || response.status() == 410
                        ? ", the signed URL has expired or was refused" : "") + ")", response.status(), null);
            }
            String type = response.header("content-type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.containsKey(type)) {
                throw new GatewayException.UpstreamServerError("BFL's result is not a JPEG, PNG or WebP image "
                        + "(content-type '" + type + "')", 0, null);
            }
            return new Result(Base64.getEncoder().encodeToString(readLimited(response.body())), FORMATS.get(type));
        }
    }

    private byte[] readLimited(InputStream body) {
        try (InputStream in = body) {
            long max = options.maxImageBytes();
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw new GatewayException.UpstreamServerError("BFL's result is larger than the deployment's "
                        + "max_image_bytes (" + max + ")", 0, null);
            }
            return bytes;
        } catch (IOException e) {
            throw UpstreamResponse.readFailure(e, "the download of BFL's result broke off");
        }
    }

    private Duration remaining(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw timeout();
        }
        return Duration.ofNanos(left);
    }

    private GatewayException timeout() {
        return new GatewayException.UpstreamTimeout("BFL did not finish the image within the deployment's total "
                + "timeout of " + deployment.totalTimeout().toSeconds() + " s", null);
    }

    private String key() {
        return deployment.apiKey() == null ? "" : deployment.apiKey().reveal();
    }
}
