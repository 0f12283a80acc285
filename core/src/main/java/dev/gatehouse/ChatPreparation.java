package dev.gatehouse;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.CheckedChat;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.routing.Attempt;

/** A chat request as one attempt's upstream gets it. */
final class ChatPreparation {

    private ChatPreparation() {}

    /**
     * The request as the attempt's deployment gets it, built once per attempt: its upstream model
     * name, its further fields checked for the deployment (those dropped named in the request's
     * trace), and its image URLs passed, inlined or refused as the deployment needs, each image
     * fetched at most once per request ({@code fetched}) whatever the number of attempts.
     */
    static ChatRequest prepare(Snapshot now, ChatRequest.Builder request, Attempt attempt, ChatProvider provider,
            FetchedImages fetched) {
        Deployment deployment = attempt.deployment();
        CheckedChat checked = provider.checkFields(request.model(deployment.upstreamModel()).build(), deployment);
        attempt.context().trace().dropped(checked.dropped());
        return now.inliner().prepare(checked.request(), deployment, !provider.acceptsImageUrls(), fetched);
    }
}
