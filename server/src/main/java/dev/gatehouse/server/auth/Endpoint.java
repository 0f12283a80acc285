package dev.gatehouse.server.auth;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of model route a key can be allowed to use. */
public enum Endpoint {
    CHAT("chat"),
    MESSAGES("messages"),
    EMBEDDINGS("embeddings"),
    IMAGES("images"),
    AUDIO("audio"),
    RERANK("rerank"),
    MODELS("models"),
    RESPONSES("responses"),
    COMPLETIONS("completions");

    private final String wireName;

    Endpoint(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Endpoint> fromWire(String name) {
        return Arrays.stream(values()).filter(e -> e.wireName.equals(name)).findFirst();
    }
}
