package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;

/**
 * One admin route: method, path (Helidon's {@code {name}} parameters, as the OpenAPI file writes
 * them), the permission it needs and what it does.
 */
record AdminRoute(Method method, String path, Permission permission, Handler handler) {

    /** Answers one authenticated, authorized call; services' exceptions are mapped by the caller. */
    @FunctionalInterface
    interface Handler {
        Reply handle(AdminCall call);
    }

    /** A JSON answer and its status. */
    record Reply(int status, JsonNode body) {
        static Reply ok(JsonNode body) {
            return new Reply(200, body);
        }

        static Reply created(JsonNode body) {
            return new Reply(201, body);
        }
    }

    static AdminRoute get(String path, Permission permission, Handler handler) {
        return new AdminRoute(Method.GET, path, permission, handler);
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
}
