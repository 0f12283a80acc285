package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.http.Exchange;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One admin route: method, path (Helidon's {@code {name}} parameters, as the OpenAPI file writes
 * them), the permission it needs and what it does: a {@link Handler} whose reply the admin API
 * writes, or (the playground) a {@link Served} route that writes its own answer.
 */
record AdminRoute(Method method, String path, Permission permission, Handler handler, Served served) {

    AdminRoute(Method method, String path, Permission permission, Handler handler) {
        this(method, path, permission, handler, null);
    }

    /** Answers one authenticated, authorized call; services' exceptions are mapped by the caller. */
    @FunctionalInterface
    interface Handler {
        Reply handle(AdminCall call);
    }

    /**
     * Serves the whole exchange of {@code route} itself, answering in its own way (a model route's,
     * streams included); it authorizes the admin for {@code route} through the admin API's own
     * check before anything else.
     */
    @FunctionalInterface
    interface Served {
        void serve(ServerRequest req, ServerResponse res, AdminRoute route);
    }

    /**
     * An answer: JSON, or (for exports) a body of another content type written straight to the
     * response as it is produced, so an export of any size is never held in memory.
     */
    record Reply(int status, JsonNode body, String contentType, Exchange.BodyWriter writer) {
        static Reply ok(JsonNode body) {
            return new Reply(200, body, null, null);
        }

        static Reply created(JsonNode body) {
            return new Reply(201, body, null, null);
        }

        static Reply text(String contentType, String text) {
            return streamed(contentType, out -> out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        static Reply streamed(String contentType, Exchange.BodyWriter writer) {
            return new Reply(200, null, contentType, writer);
        }
    }

    static AdminRoute get(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.GET, path, permission, handler);
    }

    /** A GET of everything {@code all} finds, each written by {@code write}, as an OpenAI-style list. */
    static <T> AdminRoute list(String path, Permission permission, Supplier<List<T>> all,
            Function<? super T, ObjectNode> write) {
        return get(path, permission, call -> Reply.ok(AdminJson.list(all.get().stream().map(write).toList())));
    }

    static AdminRoute post(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.POST, path, permission, handler);
    }

    static AdminRoute patch(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.PATCH, path, permission, handler);
    }

    static AdminRoute put(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.PUT, path, permission, handler);
    }

    static AdminRoute delete(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.DELETE, path, permission, handler);
    }

    /** A POST that serves its exchange itself (see {@link Served}). */
    static AdminRoute served(String path, Permission permission, Served served) {
        return new AdminRoute(Method.POST, path, permission, null, served);
    }
}
