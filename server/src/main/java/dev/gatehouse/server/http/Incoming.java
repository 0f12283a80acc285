package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.server.auth.Caller;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A model request as its route's reader sees it: the body, read within the size limit and
 * cleared of fields that would choose a credential or a destination ({@link RequestGuard}), and
 * the headers. Nothing the reader does is recorded anywhere.
 */
public final class Incoming {

    private final ServerRequest request;
    private final RequestBody body;
    private final RequestGuard guard;
    private Caller caller;
    private JsonNode json;

    Incoming(ServerRequest request, RequestBody body, RequestGuard guard) {
        this.request = request;
        this.body = body;
        this.guard = guard;
    }

    /**
     * The body as JSON, guarded; read once, so that a {@link CallerCheck} that reads it (the
     * playground's key id) and the route's reader see the same object.
     */
    public JsonNode json() {
        if (json == null) {
            JsonNode read = body.readJson(request);
            guard.checkBody(read);
            json = read;
        }
        return json;
    }

    /**
     * The body as JSON ({@link #json()}) when its content type says it is JSON; null otherwise (a
     * form), so that what every route reads of a body can be read before the route's own reader.
     */
    JsonNode jsonIfDeclared() {
        String type = request.headers().value(HeaderNames.CONTENT_TYPE).orElse("");
        return type.toLowerCase(Locale.ROOT).startsWith("application/json") ? json() : null;
    }

    /**
     * The body as a {@code multipart/form-data} form (a 415 for anything else), its text fields
     * guarded; {@code fileFields} name the parts read as files.
     */
    public MultipartForm form(Set<String> fileFields) {
        String type = request.headers().value(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ServerErrors.UnsupportedMediaType(type, "multipart/form-data");
        }
        MultipartForm form = MultipartForm.parse(type, body.readBytes(request), fileFields);
        guard.checkFields(form.fields().keySet());
        return form;
    }

    /**
     * The caller, whose key was checked before any reader runs: for a request that names what
     * its caller owns (a stored response it continues).
     */
    public Caller caller() {
        return caller;
    }

    void caller(Caller value) {
        this.caller = value;
    }

    /** The request itself, for the stages (its key and its client's address). */
    ServerRequest request() {
        return request;
    }

    /** A request header's first value. */
    public Optional<String> header(String name) {
        return request.headers().value(HeaderNames.create(name));
    }
}
