package dev.gatehouse.api;

import java.util.List;
import java.util.Objects;

/** One message of a chat conversation, by role, as OpenAI's Chat Completions API defines them. */
public sealed interface Message {

    /** The role name on the wire. */
    default String role() {
        return switch (this) {
            case System s -> "system";
            case Developer d -> "developer";
            case User u -> "user";
            case Assistant a -> "assistant";
            case Tool t -> "tool";
        };
    }

    /** Instructions from the application. {@code name} is optional. */
    record System(String content, String name) implements Message {
        public System {
            Objects.requireNonNull(content, "content");
        }
    }

    /** Instructions from the developer (OpenAI's newer name for system instructions). */
    record Developer(String content, String name) implements Message {
        public Developer {
            Objects.requireNonNull(content, "content");
        }
    }

    /** What the user said: text and images. */
    record User(List<ContentPart> content, String name) implements Message {
        public User {
            content = List.copyOf(content);
        }

        /** A plain text user message. */
        public static User of(String text) {
            return new User(List.of(new ContentPart.Text(text)), null);
        }
    }

    /**
     * What the model said: text (may be null when it only called tools), tool calls, a refusal,
     * the reasoning text some providers return ({@code reasoning_content}), and
     * {@code reasoningSignature}: the provider's opaque proof of that reasoning (Anthropic's and
     * Bedrock's thinking signatures and redacted thinking, see {@link ReasoningSignature}), null
     * when there is none. A provider that checks its reasoning when it comes back gets it from the
     * two together on the next turn.
     */
    record Assistant(String content, List<ToolCall> toolCalls, String refusal, String reasoningContent, String name,
            String reasoningSignature) implements Message {
        public Assistant {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        /** An assistant message without a reasoning signature. */
        public Assistant(String content, List<ToolCall> toolCalls, String refusal, String reasoningContent, String name) {
            this(content, toolCalls, refusal, reasoningContent, name, null);
        }

        /** A plain text assistant message. */
        public static Assistant of(String text) {
            return new Assistant(text, List.of(), null, null, null);
        }
    }

    /** The result of a tool call, answering the call with id {@code toolCallId}. */
    record Tool(String toolCallId, String content) implements Message {
        public Tool {
            Objects.requireNonNull(toolCallId, "toolCallId");
            Objects.requireNonNull(content, "content");
        }
    }
}
