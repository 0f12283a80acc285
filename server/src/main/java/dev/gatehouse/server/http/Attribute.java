package dev.gatehouse.server.http;

import dev.gatehouse.api.GatewayException;
import dev.gatehouse.server.attribution.Attribution;
import dev.gatehouse.server.attribution.EndUser;
import dev.gatehouse.server.attribution.EndUsers;
import dev.gatehouse.server.auth.AccessDenied;
import dev.gatehouse.server.limit.EndUserLimits;
import dev.gatehouse.server.store.StoreException;
import java.util.Optional;

/**
 * After the request is accepted: puts its end user and tags on the spend ticket, refuses an end
 * user an admin blocked (403), and hands the end user's limits to {@link Admit} — its own when an
 * admin created it, the configured defaults otherwise (docs/limits.md, "End users").
 */
final class Attribute implements Stage {

    private final EndUsers endUsers;

    Attribute(EndUsers endUsers) {
        this.endUsers = endUsers;
    }

    @Override
    public void run(ModelCall<?> call) {
        Attribution attribution = call.attribution();
        if (call.ticket() != null) {
            // A blocked end user's refusal is recorded under it too: who was turned away is worth knowing.
            call.ticket().attribution(attribution.endUser(), attribution.tags());
        }
        if (attribution.endUser() != null) {
            Optional<EndUser> stored = find(attribution.endUser());
            if (stored.isPresent() && stored.get().blocked()) {
                throw new GatewayException.PermissionDenied("The end user '" + attribution.endUser()
                        + "' is blocked from this gateway.", null);
            }
            call.endUser(new EndUserLimits(attribution.endUser(), stored.map(EndUser::limits).orElse(null)));
        }
        call.proceed();
    }

    private Optional<EndUser> find(String id) {
        try {
            return endUsers.find(id);
        } catch (StoreException e) {
            throw new AccessDenied.StoreUnavailable();
        }
    }
}
