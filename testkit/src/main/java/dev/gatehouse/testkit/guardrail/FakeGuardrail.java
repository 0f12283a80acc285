package dev.gatehouse.testkit.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.testkit.FakeHttpServer;
import dev.gatehouse.testkit.RecordedRequest;
import dev.gatehouse.testkit.Reply;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A guardrail service as a team would run one behind Gatehouse's webhook: {@code POST /check}
 * with {@code {"stage", "model", "key_id", "team_id", "request_id", "texts": [{"path", "text"}]}},
 * answered as scripted. With a secret it verifies each call's {@code x-gatehouse-signature}
 * ({@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">}) on its own, written apart from
 * Gatehouse's signer, and records whether it held; a call it can not verify is answered 401.
 * Anything else malformed is a violation ({@link #assertNoViolations()}).
 */
public final class FakeGuardrail implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One call as received, and whether its signature verified (false without a secret set). */
    public record Call(RecordedRequest request, JsonNode body, boolean signatureValid) {

        /** The texts sent, by path, in order. */
        public Map<String, String> texts() {
            Map<String, String> out = new java.util.LinkedHashMap<>();
            body.path("texts").forEach(t -> out.put(t.path("path").asText(), t.path("text").asText()));
            return out;
        }
    }

    private final FakeHttpServer server = new FakeHttpServer(this::handle);
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile byte[] secret;
    private volatile Script script = Script.allow();

    /** What the fake answers; the default allows everything. */
    private interface Script {
        Reply answer(JsonNode body);

        static Script allow() {
            return body -> json(200, MAPPER.createObjectNode().put("action", "allow"));
        }
    }

    /** {@code http://127.0.0.1:PORT/check}: the URL to configure. */
    public URI url() {
        return URI.create(server.baseUrl() + "/check");
    }

    /** Verifies every call's signature with this shared secret from now on (and refuses unsigned calls). */
    public FakeGuardrail requireSignature(String sharedSecret) {
        this.secret = sharedSecret.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** Allows every call. */
    public void allow() {
        script = Script.allow();
    }

    /** Blocks every call with this reason. */
    public void block(String reason) {
        script = body -> json(200, MAPPER.createObjectNode().put("action", "block").put("reason", reason));
    }

    /** Answers modify, every text replaced by {@code change} applied to it (texts it leaves equal are still sent back). */
    public void modify(UnaryOperator<String> change) {
        script = body -> {
            ObjectNode answer = MAPPER.createObjectNode().put("action", "modify");
            ArrayNode texts = answer.putArray("texts");
            body.path("texts").forEach(t -> texts.addObject().put("path", t.path("path").asText())
                    .put("text", change.apply(t.path("text").asText())));
            return json(200, answer);
        };
    }

    /** Answers every call with this body as it is, status 200 (garbage, a wrong shape, another format). */
    public void answerRaw(String contentType, String body) {
        script = ignored -> new Reply.Full(200, Map.of("content-type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers every call with this error status (and a JSON error body). */
    public void fail(int status) {
        script = ignored -> json(status, MAPPER.createObjectNode().put("error", "scripted failure"));
    }

    /** Allows every call, but only after {@code delay}: the answer's headers and body come late. */
    public void slow(Duration delay) {
        script = ignored -> new Reply.Stream(200, Map.of("content-type", "application/json"),
                List.of(new Reply.Frame("{\"action\":\"allow\"}", delay)), false);
    }

    /** Never answers. */
    public void hang() {
        script = ignored -> new Reply.Hang();
    }

    /** Every call received so far. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public void assertNoViolations() {
        if (!violations.isEmpty()) {
            throw new AssertionError("the guardrail webhook was called wrongly: " + violations);
        }
    }

    private Reply handle(RecordedRequest request) {
        if (!request.method().equals("POST") || !request.pathOnly().equals("/check")) {
            violations.add("unexpected " + request.method() + " " + request.path());
            return json(404, MAPPER.createObjectNode());
        }
        if (!request.header("content-type").orElse("").startsWith("application/json")) {
            violations.add("content-type is not application/json");
        }
        boolean valid = secret != null && verify(request);
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (java.io.IOException e) {
            violations.add("the body is not JSON");
            return json(400, MAPPER.createObjectNode());
        }
        checkShape(body);
        calls.add(new Call(request, body, valid));
        if (secret != null && !valid) {
            return json(401, MAPPER.createObjectNode().put("error", "bad signature"));
        }
        return script.answer(body);
    }

    private void checkShape(JsonNode body) {
        for (String field : List.of("stage", "model", "key_id", "request_id")) {
            if (!body.path(field).isTextual()) {
                violations.add(field + " is not a string");
            }
        }
        if (!body.path("stage").asText().equals("input") && !body.path("stage").asText().equals("output")) {
            violations.add("stage is neither input nor output");
        }
        if (!body.has("team_id") || !(body.get("team_id").isTextual() || body.get("team_id").isNull())) {
            violations.add("team_id is missing or not a string or null");
        }
        if (!body.path("texts").isArray()) {
            violations.add("texts is not an array");
        }
        body.path("texts").forEach(t -> {
            if (!t.path("path").isTextual() || !t.path("text").isTextual()) {
                violations.add("a text without a string path and text");
            }
        });
    }

    /** The signature check a service does: over the exact bytes received, before parsing them. */
    private boolean verify(RecordedRequest request) {
        String header = request.header("x-gatehouse-signature").orElse(null);
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
            byte[] expected = mac.doFinal(request.body());
            return MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Reply json(int status, JsonNode body) {
        return Reply.Full.json(status, body.toString());
    }

    @Override
    public void close() {
        server.close();
    }
}
