package dev.gatehouse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.api.GatewayException;
import dev.gatehouse.http.BodyBytes;
import dev.gatehouse.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * Reads a JSON request body within the limits: content type, size (checked against the
 * declared length first, then while reading, since a chunked body declares none), nesting
 * depth and string length (Jackson's stream constraints, see {@link Json}).
 */
public final class RequestBody {

    private final long maxBytes;

    public RequestBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The whole body, refused with a 413 when it is larger than the limit (declared or read). */
    byte[] readBytes(ServerRequest request) {
        long declared = request.headers().contentLength().orElse(-1);
        if (declared > maxBytes) {
            throw new ServerErrors.TooLarge(maxBytes);
        }
        byte[] bytes;
        try (InputStream in = request.content().inputStream()) {
            bytes = BodyBytes.read(in, declared, maxBytes);
        } catch (IOException | UncheckedIOException e) {
            throw new GatewayException.BadRequest("The request body could not be read.", null);
        }
        if (bytes.length > maxBytes) {
            throw new ServerErrors.TooLarge(maxBytes);
        }
        return bytes;
    }

    public JsonNode readJson(ServerRequest request) {
        String type = request.headers().value(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ServerErrors.UnsupportedMediaType(type);
        }
        byte[] bytes = readBytes(request);
        if (bytes.length == 0) {
            throw new GatewayException.BadRequest("The request body is empty; it must be a JSON object.", null);
        }
        try {
            return Json.readRequest(bytes);
        } catch (StreamConstraintsException e) {
            throw new GatewayException.BadRequest("The request body exceeds a JSON limit: " + e.getOriginalMessage(), null);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage().startsWith("Duplicate field")) {
                throw new GatewayException.BadRequest("The JSON body names a field twice in one object ("
                        + e.getOriginalMessage() + "); each field may appear once.", null);
            }
            var location = e.getLocation();
            throw new GatewayException.BadRequest("We could not parse the JSON body of your request"
                    + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                    + ". The body must be a JSON object.", null);
        } catch (IOException e) {
            throw new GatewayException.BadRequest("The request body could not be read.", null);
        }
    }
}
