package dev.gatehouse.server.console.oidc;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.secret.Secret;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.audit.AuditEntry;
import dev.gatehouse.server.auth.AdminRole;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.console.ConsoleSettings;
import dev.gatehouse.server.console.OidcSettings;
import dev.gatehouse.server.testing.TestStores;
import dev.gatehouse.testkit.oidc.FakeOidcProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A running Gatehouse whose console signs in through a fake OIDC provider: the provider knows
 * the gateway's callback, and the gateway maps the provider's groups to roles
 * ({@code gatehouse-owners} → owner, {@code platform-team} → key-admin, {@code security} → auditor).
 */
final class SsoGateway implements AutoCloseable {

    static final String CLIENT_ID = "gatehouse-console";
    static final String CLIENT_SECRET = "console-client-secret";

    final FakeOidcProvider provider;
    final ControlPlane control;
    final Gatehouse gatehouse;
    final URI base;

    SsoGateway() {
        this(new FakeOidcProvider(CLIENT_ID, CLIENT_SECRET));
    }

    SsoGateway(FakeOidcProvider provider) {
        this.provider = provider;
        // The redirect URI is made from public_url, which must be known before the gateway starts:
        // a free port is taken first.
        int port = freePort();
        this.base = URI.create("http://127.0.0.1:" + port);
        provider.allowRedirect(base + OidcLogin.CALLBACK_PATH);
        OidcSettings oidc = new OidcSettings(provider.issuer(), CLIENT_ID, Secret.of(CLIENT_SECRET),
                List.of("openid", "email", "profile", "groups"), "groups",
                Map.of(AdminRole.OWNER, List.of("gatehouse-owners"), AdminRole.KEY_ADMIN, List.of("platform-team"),
                        AdminRole.AUDITOR, List.of("security")), "email");
        ConsoleSettings console = ConsoleSettings.DEFAULTS.withPublicUrl(base).withOidc(oidc);
        ServerSettings settings = new ServerSettings("127.0.0.1", port, ServerSettings.DEFAULT_MAX_BODY_BYTES,
                ServerSettings.DEFAULT_MAX_MESSAGES, ServerSettings.DEFAULT_MAX_HEADER_BYTES, Duration.ofSeconds(1));
        this.control = TestStores.h2ControlPlane();
        Deployment mock = Deployment.builder("mock", "mock").options(Map.of("stream_delay_ms", "0")).build();
        this.gatehouse = Gatehouse.start(new GatehouseConfig(settings, List.of(mock), Set.of()).withConsole(console),
                control);
    }

    /** Audit entries with {@code action}, oldest first (written ones only: the log writes in batches). */
    List<AuditEntry> audited(String action) {
        return control.audit().list(0, 10_000).stream().filter(e -> e.action().equals(action)).toList();
    }

    /** A loopback port free right now, for a server whose address must be known before it starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        gatehouse.close();
        provider.close();
    }
}
