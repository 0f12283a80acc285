package dev.gatehouse.provider;

import dev.gatehouse.api.ChatRequest;
import java.util.List;

/**
 * The caller's end-user id ({@code user}) for an upstream that has no field for it. OpenAI reads
 * the id for its own abuse monitoring only; it never changes an answer, so an upstream without
 * one gets the request without it, and the caller is told in {@code x-gatehouse-dropped}
 * whatever the deployment's {@code drop_params} says (see docs/providers.md).
 */
public final class EndUserField {

    private EndUserField() {}

    /** The request without {@code user}, naming it as dropped; unchanged when it has none. */
    public static CheckedChat leftOut(ChatRequest request) {
        if (request.user() == null) {
            return CheckedChat.unchanged(request);
        }
        return new CheckedChat(request.toBuilder().user(null).build(), List.of("user"));
    }
}
