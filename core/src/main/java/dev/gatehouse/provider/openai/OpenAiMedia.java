package dev.gatehouse.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.EmbeddingRequest;
import dev.gatehouse.api.EmbeddingResponse;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.api.ImageRequest;
import dev.gatehouse.api.ImageResponse;
import dev.gatehouse.api.wire.EmbeddingRequestJson;
import dev.gatehouse.api.wire.EmbeddingResponseJson;
import dev.gatehouse.api.wire.ImageResponseJson;
import dev.gatehouse.http.Multipart;
import dev.gatehouse.http.UpstreamCalls;
import dev.gatehouse.http.UpstreamRequest;
import dev.gatehouse.json.Json;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.EmbeddingBatches;
import dev.gatehouse.provider.Upstream;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The embeddings and images endpoints of the compatible family: {@code /embeddings},
 * {@code /images/generations} and {@code /images/edits} under the profile's base URL, with the
 * same authentication and error mapping as chat. Azure OpenAI has them at its own addresses, with
 * its {@code api-key} header ({@link AzureEndpoint}).
 */
final class OpenAiMedia {

    private final CompatibleProfile profile;
    private final Clock clock;
    private final UpstreamCalls.Errors errors;

    OpenAiMedia(CompatibleProfile profile, Clock clock, UpstreamCalls.Errors errors) {
        this.profile = profile;
        this.clock = clock;
        this.errors = errors;
    }

    EmbeddingResponse embed(EmbeddingRequest request, Upstream upstream) {
        int limit = EmbeddingBatches.limit(upstream.deployment(), CompatibleProfiles.EMBEDDING_BATCH.get(profile.id()));
        return EmbeddingBatches.run(request, limit, profile.displayName(), part -> embedOnce(part, upstream));
    }

    private EmbeddingResponse embedOnce(EmbeddingRequest request, Upstream upstream) {
        ObjectNode body = EmbeddingRequestJson.write(request);
        CompatibleProfiles.EMBEDDING_RENAMES.getOrDefault(profile.id(), Map.of()).forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null) {
                body.set(to, value);
            }
        });
        JsonNode answer = postJson("/embeddings", body, upstream);
        return EmbeddingResponseJson.read(answer, profile.displayName());
    }

    ImageResponse generate(ImageRequest request, Upstream upstream) {
        ImageDialect dialect = CompatibleProfiles.IMAGES.get(profile.id());
        ObjectNode body = OpenAiImageMapper.generation(request, upstream.deployment(), dialect, profile.displayName());
        return images(postJson("/images/generations", body, upstream), request);
    }

    ImageResponse edit(ImageRequest request, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        Multipart form = OpenAiImageMapper.edit(request, deployment, profile.displayName(),
                CompatibleProfiles.IMAGES.get(profile.id()));
        Map<String, String> headers = auth(deployment);
        headers.put("content-type", form.contentType());
        UpstreamRequest call = new UpstreamRequest("POST", endpoint(deployment, "/images/edits"), headers,
                form.bytes(), deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
        return images(UpstreamCalls.json(upstream.transport(), call, errors, profile.displayName()), request);
    }

    private ImageResponse images(JsonNode answer, ImageRequest request) {
        ImageResponse parsed = ImageResponseJson.read(answer, profile.displayName(), request.size(),
                request.quality());
        long created = parsed.created() > 0 ? parsed.created() : clock.instant().getEpochSecond();
        return new ImageResponse(created, parsed.data(), parsed.background(), parsed.outputFormat(),
                parsed.quality(), parsed.size(), parsed.usage());
    }

    private JsonNode postJson(String path, ObjectNode body, Upstream upstream) {
        Deployment deployment = upstream.deployment();
        UpstreamRequest call = UpstreamRequest.postJson(endpoint(deployment, path), auth(deployment), Json.bytes(body),
                deployment.timeout()).withTimeouts(deployment.totalTimeout(), deployment.idleTimeout());
        return UpstreamCalls.json(upstream.transport(), call, errors, profile.displayName());
    }

    private Map<String, String> auth(Deployment deployment) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (azure() && deployment.apiKey() != null) {
            headers.put(AzureEndpoint.KEY_HEADER, deployment.apiKey().reveal());
        } else if (profile.bearerAuth() && deployment.apiKey() != null) {
            headers.put("authorization", "Bearer " + deployment.apiKey().reveal());
        }
        return headers;
    }

    private boolean azure() {
        return profile.id().equals(CompatibleProfiles.AZURE.id());
    }

    private URI endpoint(Deployment deployment, String path) {
        if (azure()) {
            return switch (path) {
                case "/embeddings" -> AzureEndpoint.embeddings(deployment, deployment.upstreamModel());
                case "/images/generations" -> AzureEndpoint.images(deployment, deployment.upstreamModel(), false);
                case "/images/edits" -> AzureEndpoint.images(deployment, deployment.upstreamModel(), true);
                default -> throw new IllegalArgumentException("no Azure OpenAI address for " + path);
            };
        }
        URI base = deployment.baseUrlOr(profile.defaultBaseUrl());
        if (base == null) {
            throw new GatewayException.BadRequest("The deployment of '" + deployment.model() + "' on "
                    + profile.displayName() + " has no base URL.", "model");
        }
        String root = base.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path);
    }
}
