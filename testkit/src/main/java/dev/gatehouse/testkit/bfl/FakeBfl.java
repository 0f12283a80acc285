package dev.gatehouse.testkit.bfl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A strict fake of Black Forest Labs' asynchronous FLUX API (docs.bfl.ai): {@code POST
 * /v1/{model}} with {@code x-key} answers {@code {"id","polling_url"}}; {@code GET} of the polling
 * URL answers {@code Pending} a scripted number of times, then the task's outcome; a
 * {@code Ready} result's {@code sample} URL serves the image. Each submitted task plays the next
 * scripted {@link Outcome}.
 *
 * <p>Strict: it refuses a wrong key, unknown fields, width and height that FLUX.1 does not take,
 * an aspect ratio sent to a model that takes width and height (and the reverse), input images
 * for a model that does not edit; and it records as violations a credential sent to the result
 * host, and any request that follows a polling or result URL Gatehouse should have refused.
 */
public final class FakeBfl implements AutoCloseable {

    /** How a submitted task ends. */
    public enum Outcome {
        /** Ready, with a downloadable image. */
        READY,
        /** BFL's {@code Error} status. */
        ERROR,
        /** {@code Request Moderated}: the input was flagged. */
        REQUEST_MODERATED,
        /** {@code Content Moderated}: the output was flagged. */
        CONTENT_MODERATED,
        /** {@code Task not found}. */
        TASK_NOT_FOUND,
        /** Pending for ever. */
        NEVER_READY,
        /** Ready, but the signed result URL has expired: the download answers 403. */
        EXPIRED_RESULT,
        /** Ready, but the result URL redirects elsewhere. */
        REDIRECTED_RESULT,
        /** Ready, with an image larger than any sane limit in a test (64 KiB). */
        OVERSIZED_RESULT,
        /** The submit answer's polling URL is on a foreign host (this server under another name). */
        FOREIGN_POLLING_URL,
        /** Ready, but the result URL is on a foreign host (this server under another name). */
        FOREIGN_RESULT_URL
    }

    /** The bytes of every image this fake draws: the 8-byte PNG signature and a marker. */
    public static final byte[] IMAGE = "\u0089PNG\r\n\u001a\nfake-flux".getBytes(StandardCharsets.ISO_8859_1);
    /** The host name that stands for "somewhere else": it reaches this same server, so a follow is seen. */
    public static final String FOREIGN_HOST = "localhost";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> COMMON = Set.of("prompt", "seed", "prompt_upsampling", "safety_tolerance",
            "output_format", "webhook_url", "webhook_secret");
    private static final Set<String> SIZED = Set.of("width", "height", "image_prompt", "steps", "guidance");
    private static final Set<String> RATIO = Set.of("aspect_ratio", "input_image", "input_image_2", "input_image_3",
            "input_image_4", "raw");

    private record Task(Outcome outcome, int pendingPolls) {}

    private final FakeHttpServer server = new FakeHttpServer(this::handle);
    private final Deque<Task> script = new ArrayDeque<>();
    private final Map<String, Task> tasks = new HashMap<>();
    private final Map<String, Integer> polls = new HashMap<>();
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();

    public URI baseUrl() {
        return server.baseUrl();
    }

    public String apiKey() {
        return "test-key-FakeBfl";
    }

    /** The next submitted task answers Pending {@code pendingPolls} times, then ends as {@code outcome}. */
    public synchronized FakeBfl enqueue(Outcome outcome, int pendingPolls) {
        script.addLast(new Task(outcome, pendingPolls));
        return this;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The submissions ({@code POST /v1/{model}}) received. */
    public synchronized List<RecordedRequest> submissions() {
        return requests.stream().filter(r -> r.method().equals("POST")).toList();
    }

    /** The downloads of results received. */
    public synchronized List<RecordedRequest> downloads() {
        return requests.stream().filter(r -> r.pathOnly().startsWith("/results/")).toList();
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    public synchronized void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("fake BFL refused what the real API would refuse:\n  - "
                    + String.join("\n  - ", violations));
        }
    }

    private synchronized Reply handle(RecordedRequest request) {
        requests.add(request);
        String host = request.header("host").orElse("");
        if (host.startsWith(FOREIGN_HOST)) {
            violations.add("a request followed a URL on a foreign host: " + request.method() + " " + request.pathOnly());
        }
        if (request.method().equals("POST") && request.pathOnly().startsWith("/v1/")) {
            return submit(request);
        }
        if (request.method().equals("GET") && request.pathOnly().equals("/v1/get_result")) {
            return poll(request);
        }
        if (request.method().equals("GET") && request.pathOnly().startsWith("/results/")) {
            return download(request);
        }
        return refuse(404, "Not Found");
    }

    private Reply submit(RecordedRequest request) {
        if (!apiKey().equals(request.header("x-key").orElse(null))) {
            return violation(403, "Not authenticated - Invalid Authentication");
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            return violation(422, "content-type must be application/json");
        }
        String model = request.pathOnly().substring("/v1/".length());
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            return violation(422, "invalid JSON");
        }
        Optional<String> problem = checkBody(model, body);
        if (problem.isPresent()) {
            return violation(422, problem.get());
        }
        Task task = script.pollFirst();
        if (task == null) {
            violations.add("no task outcome scripted for " + request.pathOnly());
            return Reply.Full.json(500, "{\"detail\":\"the fake has no task scripted\"}");
        }
        String id = "task-" + (tasks.size() + 1);
        tasks.put(id, task);
        String pollingHost = task.outcome() == Outcome.FOREIGN_POLLING_URL
                ? "http://" + FOREIGN_HOST + ":" + baseUrl().getPort() : baseUrl().toString();
        ObjectNode answer = JSON.createObjectNode().put("id", id)
                .put("polling_url", pollingHost + "/v1/get_result?id=" + id)
                .put("cost", 4.0).put("input_mp", 0).put("output_mp", 1.0);
        return Reply.Full.json(200, answer.toString());
    }

    private Optional<String> checkBody(String model, JsonNode body) {
        boolean ratioModel = model.contains("kontext") || model.contains("ultra");
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String name = field.getKey();
            boolean allowed = COMMON.contains(name) || (ratioModel ? RATIO.contains(name) : SIZED.contains(name));
            if (name.startsWith("input_image") && !model.contains("kontext")) {
                allowed = false;
            }
            if (!allowed) {
                return Optional.of("Extra inputs are not permitted: " + name);
            }
        }
        if (body.path("prompt").asText("").isBlank()) {
            return Optional.of("prompt: Field required");
        }
        if (model.startsWith("flux-pro") || model.startsWith("flux-dev")) {
            for (String side : List.of("width", "height")) {
                if (body.has(side)) {
                    int value = body.get(side).asInt();
                    if (value < 256 || value > 1440 || value % 32 != 0) {
                        return Optional.of(side + ": must be a multiple of 32 from 256 to 1440");
                    }
                }
            }
        }
        String format = body.path("output_format").asText("jpeg");
        if (!format.equals("jpeg") && !format.equals("png")) {
            return Optional.of("output_format: Input should be 'jpeg' or 'png'");
        }
        return Optional.empty();
    }

    private Reply poll(RecordedRequest request) {
        if (!apiKey().equals(request.header("x-key").orElse(null))) {
            return violation(403, "Not authenticated - Invalid Authentication");
        }
        String id = request.query("id").orElse("");
        Task task = tasks.get(id);
        ObjectNode answer = JSON.createObjectNode().put("id", id);
        if (task == null) {
            return Reply.Full.json(200, answer.put("status", "Task not found").toString());
        }
        int seen = polls.merge(id, 1, Integer::sum);
        if (task.outcome() == Outcome.NEVER_READY || seen <= task.pendingPolls()) {
            answer.put("status", "Pending").putNull("result");
            answer.put("progress", 0.5);
            return Reply.Full.json(200, answer.toString());
        }
        switch (task.outcome()) {
            case ERROR -> answer.put("status", "Error").putNull("result");
            case REQUEST_MODERATED -> answer.put("status", "Request Moderated").putNull("result");
            case CONTENT_MODERATED -> answer.put("status", "Content Moderated").putNull("result");
            case TASK_NOT_FOUND -> answer.put("status", "Task not found");
            default -> {
                String host = task.outcome() == Outcome.FOREIGN_RESULT_URL
                        ? "http://" + FOREIGN_HOST + ":" + baseUrl().getPort() : baseUrl().toString();
                answer.put("status", "Ready").putObject("result")
                        .put("sample", host + "/results/" + id + ".png?se=2026-11-26T00%3A10%3A00Z&sig=fake")
                        .put("prompt", "a prompt").put("seed", 42);
            }
        }
        answer.putNull("progress");
        return Reply.Full.json(200, answer.toString());
    }

    private Reply download(RecordedRequest request) {
        if (request.header("x-key").isPresent() || request.header("authorization").isPresent()) {
            violations.add("a credential was sent to the result host");
        }
        String file = request.pathOnly().substring("/results/".length());
        Task task = tasks.get(file.endsWith(".png") ? file.substring(0, file.length() - 4) : file);
        if (task == null) {
            return new Reply.Full(404, Map.of("content-type", "application/xml"),
                    "<Error><Code>BlobNotFound</Code></Error>".getBytes(StandardCharsets.UTF_8));
        }
        return switch (task.outcome()) {
            case EXPIRED_RESULT -> new Reply.Full(403, Map.of("content-type", "application/xml"),
                    "<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>"
                            .getBytes(StandardCharsets.UTF_8));
            case REDIRECTED_RESULT -> new Reply.Full(302, Map.of("location", "http://169.254.169.254/latest/meta-data/"),
                    new byte[0]);
            case OVERSIZED_RESULT -> new Reply.Full(200, Map.of("content-type", "image/png"), new byte[64 * 1024]);
            default -> new Reply.Full(200, Map.of("content-type", "image/png"), IMAGE);
        };
    }

    /** A refusal the real API would give, recorded as a violation: Gatehouse should never send such a request. */
    private Reply violation(int status, String detail) {
        violations.add(detail);
        return refuse(status, detail);
    }

    private static Reply refuse(int status, String detail) {
        return Reply.Full.json(status, JSON.createObjectNode().put("detail", detail).toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
