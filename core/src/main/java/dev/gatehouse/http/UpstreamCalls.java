package dev.gatehouse.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * One upstream call, written once for every provider: send, check the status, turn a refusal
 * into the provider's {@link GatewayException}, and read the answer (whole, as JSON, or left open
 * as a stream). The answer's bytes are read once and handed on as they are.
 */
public final class UpstreamCalls {

    /** What an upstream's refusal (a status other than 2xx) means: one mapping per provider. */
    @FunctionalInterface
    public interface Errors {
        GatewayException of(UpstreamResponse response, String body);
    }

    /** What a successful answer becomes, from its headers and whole body. */
    @FunctionalInterface
    public interface Answer<T> {
        T of(UpstreamResponse response, byte[] body);
    }

    private UpstreamCalls() {}

    /** The whole answer, made into {@code T} by {@code answer}; a refusal is thrown as {@code errors} says. */
    public static <T> T read(Transport transport, UpstreamRequest request, Errors errors, Answer<T> answer) {
        try (UpstreamResponse response = transport.send(request)) {
            byte[] body = response.readAll();
            if (!response.isSuccess()) {
                throw errors.of(response, new String(body, StandardCharsets.UTF_8));
            }
            return answer.of(response, body);
        }
    }

    /** The answer parsed as JSON; {@code upstream} names the upstream when the answer is not JSON. */
    public static JsonNode json(Transport transport, UpstreamRequest request, Errors errors, String upstream) {
        try (UpstreamResponse response = transport.send(request)) {
            byte[] body = response.readAll();
            if (!response.isSuccess()) {
                throw errors.of(response, new String(body, StandardCharsets.UTF_8));
            }
            return Json.parseUpstream(body, upstream);
        }
    }

    /**
     * The answer of a successful call left unread, for a stream: the caller reads and closes it.
     * A refusal is read (which closes it) and thrown.
     */
    public static UpstreamResponse open(Transport transport, UpstreamRequest request, Errors errors) {
        UpstreamResponse response = transport.send(request);
        if (!response.isSuccess()) {
            throw errors.of(response, new String(response.readAll(), StandardCharsets.UTF_8));
        }
        return response;
    }
}
