package dev.gatehouse.examples;

import dev.gatehouse.Gateway;
import dev.gatehouse.api.ChatChunk;
import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.ChatResponse;
import dev.gatehouse.api.ChatStream;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import java.net.URI;
import java.util.List;

/** The example of docs/library.md; LibraryExampleTest runs it against the OpenAI fake. */
public final class LibraryExample {

    public static void main(String[] args) {
        Secret key = Secret.of(System.getenv("OPENAI_API_KEY"));
        System.out.println(run(URI.create("https://api.openai.com/v1"), key));
    }

    public static String run(URI baseUrl, Secret apiKey) {
        Gateway gateway = Gateway.builder()
                .deployment(Deployment.builder("fast", "openai")
                        .upstreamModel("gpt-4o-mini")
                        .baseUrl(baseUrl)
                        .apiKey(apiKey)
                        .build())
                .build();

        ChatResponse answer = gateway.chat(ChatRequest.of("fast", List.of(Message.User.of("Say hello."))));
        String text = answer.choices().getFirst().message().content();

        StringBuilder streamed = new StringBuilder();
        ChatRequest count = ChatRequest.of("fast", List.of(Message.User.of("Count to three.")));
        try (ChatStream stream = gateway.chatStream(count)) {
            while (stream.hasNext()) {
                for (ChatChunk.Choice choice : stream.next().choices()) {
                    if (choice.delta().content() != null) {
                        streamed.append(choice.delta().content());
                    }
                }
            }
        }
        return text + " / " + streamed;
    }
}
