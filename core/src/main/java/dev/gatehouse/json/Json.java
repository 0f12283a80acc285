package dev.gatehouse.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.api.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of Gatehouse, with limits for JSON from outside: callers and
 * upstreams are both untrusted. Nesting deeper than {@value #MAX_DEPTH} or a string longer than
 * {@value #MAX_STRING_LENGTH} characters (a base64 image fits) is refused.
 */
public final class Json {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_STRING_LENGTH = 32 * 1024 * 1024;
    public static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Parsers and generators borrow their buffers from a pool shared by all threads. Jackson's
     * default keeps them per thread, and every request runs on a virtual thread of its own, so
     * each parse and write made its buffers anew: about 2.6 KB of the 42 KB a plain request
     * allocated (docs/benchmarks.md). Bounded: at most this many sets of buffers wait idle.
     */
    private static final int POOLED_BUFFERS = 32;

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newBoundedPool(POOLED_BUFFERS))
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build());

    /**
     * Request bodies are read refusing a field named twice in one object: parsers disagree on
     * which of the two counts (Jackson keeps the last, others the first), so a check could pass
     * one value while another reaches the upstream.
     */
    private static final ObjectReader REQUEST_READER = MAPPER.readerFor(JsonNode.class)
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses a caller's request body; a field named twice in one object is a syntax error. */
    public static JsonNode readRequest(byte[] body) throws IOException {
        return REQUEST_READER.readTree(body);
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Parses JSON that came from an upstream; a syntax error is the upstream's fault. */
    public static JsonNode parseUpstream(byte[] body, String provider) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new GatewayException.UpstreamServerError(
                    provider + " returned a body that is not valid JSON", 0, new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Parses JSON that came from an upstream, given as text (one stream event). */
    public static JsonNode parseUpstream(String body, String provider) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new GatewayException.UpstreamServerError(
                    provider + " sent a stream event that is not valid JSON", 0, body);
        }
    }

    /** Parses a JSON document from a stream (a caller's request body). */
    public static JsonNode read(InputStream in) throws IOException {
        return MAPPER.readTree(in);
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text field {@code name} of {@code node}, or null when absent, null or not text. */
    public static String textOrNull(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** The integer field {@code name} of {@code node}, or null when absent or not a number. */
    public static Integer intOrNull(JsonNode node, String name) {
        JsonNode value = node == null ? null : node.get(name);
        return value != null && value.isNumber() ? value.asInt() : null;
    }
}
