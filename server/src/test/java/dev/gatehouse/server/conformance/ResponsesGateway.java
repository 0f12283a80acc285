package dev.gatehouse.server.conformance;

import dev.gatehouse.json.Json;
import dev.gatehouse.pricing.ModelPrice;
import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.TeamDraft;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.crypto.MasterKeyring;
import dev.gatehouse.server.spend.SpendSettings;
import dev.gatehouse.server.store.Database;
import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.Await;
import dev.gatehouse.server.testing.MasterKeyringText;
import dev.gatehouse.server.testing.TestStores;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The real server on a free port with one public model, {@link #MODEL}, on the upstream under
 * test (no retries, so each scripted reply answers one request), a price, spend rows written
 * within 50 ms, and the keys the suite needs: two of one team, one of another team, and one of
 * the first team that may not use the model.
 */
final class ResponsesGateway implements AutoCloseable {

    static final String MODEL = "agent";
    /** $1 per million tokens each way: every answered request has a cost. */
    static final ModelPrice PRICE = ModelPrice.tokens("1", "1");

    final Gatehouse gatehouse;
    final String ownerKey;
    final String teammateKey;
    final String otherTeamKey;
    final String notAllowedKey;
    private final ControlPlane control;

    ResponsesGateway(Deployment deployment) {
        StoreSettings store = new StoreSettings("jdbc:h2:mem:responses-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                Optional.empty(), Optional.empty(), 4);
        control = ControlPlane.open(store, Optional.of(MasterKeyring.parse(MasterKeyringText.fresh())),
                Duration.ofMillis(50));
        String teamA = control.keys().createTeam(new TeamDraft("team-a", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        String teamB = control.keys().createTeam(new TeamDraft("team-b", List.of("*"), Limits.NONE, Json.object()),
                Actor.CLI).id();
        ownerKey = key("owner", teamA, List.of("*"));
        teammateKey = key("teammate", teamA, List.of("*"));
        otherTeamKey = key("other-team", teamB, List.of("*"));
        notAllowedKey = key("not-allowed", teamA, List.of("some-other-model"));
        ServerSettings d = ServerSettings.defaults();
        gatehouse = Gatehouse.start(new GatehouseConfig(new ServerSettings("127.0.0.1", 0, d.maxBodyBytes(),
                d.maxMessages(), d.maxHeaderBytes(), Duration.ofSeconds(10)), List.of(deployment),
                Set.of("127.0.0.1"))
                .withRouting(TestStores.ONE_ATTEMPT)
                .withSpend(new SpendSettings(true, Duration.ofMillis(50), SpendSettings.DEFAULT_BATCH_SIZE,
                        SpendSettings.DEFAULT_QUEUE_CAPACITY, SpendSettings.DEFAULT_RETENTION_DAYS))
                .withPrice(deployment, PRICE), control);
    }

    private String key(String name, String team, List<String> models) {
        return control.keys().createKey(new KeyDraft(name, team, models, Set.of(), List.of(), null, Limits.NONE,
                Json.object()), Actor.CLI).secret();
    }

    int port() {
        return gatehouse.port();
    }

    /** A spend row as stored. */
    record SpendRow(String route, String model, int status, String outcome, Integer prompt, Integer completion,
            BigDecimal cost) {}

    /** The spend rows of one request, once the batched writer has written at least one. */
    List<SpendRow> spendRows(String requestId) {
        Await.until(() -> !rows(requestId).isEmpty(), "a spend row for " + requestId);
        return rows(requestId);
    }

    private List<SpendRow> rows(String requestId) {
        Database database = control.database();
        return database.query("SELECT * FROM spend_log WHERE request_id = ?", r -> new SpendRow(
                r.getString("route"), r.getString("model"), r.getInt("status"), r.getString("outcome"),
                (Integer) r.getObject("prompt_tokens"), (Integer) r.getObject("completion_tokens"),
                r.getBigDecimal("cost_usd")), requestId);
    }

    @Override
    public void close() {
        gatehouse.close(); // closes the control plane too
    }
}
