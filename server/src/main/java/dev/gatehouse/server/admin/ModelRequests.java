package dev.gatehouse.server.admin;

import dev.gatehouse.server.http.CallerCheck;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The gateway's model routes as the admin API reaches them, for the console's playground: a chat
 * completion served by the same pipeline as {@code /v1/chat/completions}, as the key a
 * {@link CallerCheck} names (its scope, limits and spend), answered as that route answers.
 */
@FunctionalInterface
public interface ModelRequests {

    /** Serves the chat completion request {@code req} as the caller {@code who} names, and answers it. */
    void chat(ServerRequest req, ServerResponse res, CallerCheck who);
}
