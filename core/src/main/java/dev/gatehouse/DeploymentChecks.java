package dev.gatehouse;

import dev.gatehouse.api.ChatRequest;
import dev.gatehouse.api.Message;
import dev.gatehouse.provider.ChatProvider;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.provider.FetchedImages;
import dev.gatehouse.provider.Provider;
import dev.gatehouse.routing.Group;
import dev.gatehouse.routing.Router;
import java.util.List;

/** What the gateway checks of its deployments outside a request's routing: a health check, a request's fields. */
final class DeploymentChecks {

    private DeploymentChecks() {}

    /** See {@link Gateway#checkHealth}. */
    static void health(Snapshot now, String deploymentId) {
        Deployment target = now.router().deployment(deploymentId);
        if (Router.isWildcard(target) || !now.provider(target).offers(ChatProvider.class)) {
            // A wildcard deployment has no one model to ask; its requests count towards its health.
            return;
        }
        ChatRequest ping = ChatRequest.of(target.model(), List.of(Message.User.of("ping"))).toBuilder()
                .maxTokens(1).stream(false).includeUsage(false).build();
        now.router().check(deploymentId, attempt -> {
            ChatProvider provider = now.operation(attempt.deployment(), ChatProvider.class, "chat completions");
            return provider.chat(ChatPreparation.prepare(now, ping.toBuilder(), attempt, provider, new FetchedImages()),
                    now.upstream(attempt));
        });
    }

    /** See {@link Gateway#checkChatFields}. */
    static void chatFields(Snapshot now, ChatRequest request) {
        Group group = now.router().group(request.model());
        if (group == null) {
            return;
        }
        for (Deployment deployment : group.deployments()) {
            Provider provider = now.provider(deployment);
            if (provider.offers(ChatProvider.class)) {
                // The check reads the further fields only: the request as asked, without a copy per deployment.
                ChatProvider.class.cast(provider).checkFields(request, deployment);
            }
        }
    }
}
