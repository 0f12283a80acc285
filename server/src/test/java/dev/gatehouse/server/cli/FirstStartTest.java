package dev.gatehouse.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import dev.gatehouse.server.store.StoreSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first start on the embedded defaults makes keys that work, shows them once and keeps them private. */
class FirstStartTest {

    private static final Pattern VIRTUAL = Pattern.compile("gtw_vk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{6}");
    private static final Pattern ADMIN = Pattern.compile("gtw_ak_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{6}");

    @Test
    void theFirstStartPrintsWorkingKeysOnceAndKeepsThemForItsOwnerOnly(@TempDir Path dir) throws Exception {
        GatehouseConfig defaults = ConfigLoader.system().embeddedDefaults().config();
        assertEquals(ServerSettings.DEFAULT_HOST, defaults.server().host(), "loopback unless configured otherwise");
        ServerSettings s = defaults.server();
        GatehouseConfig config = new GatehouseConfig(new ServerSettings(s.host(), 0, s.maxBodyBytes(), s.maxMessages(),
                s.maxHeaderBytes(), Duration.ofSeconds(1)), defaults.deployments(), defaults.privateNetworkHosts());
        StringWriter first = new StringWriter();
        String chatKey;
        try (Gatehouse gatehouse = Gatehouse.start(config, ControlPlane.open(StoreSettings.embedded(dir),
                Optional.empty(), Duration.ofSeconds(1)))) {
            String url = "http://127.0.0.1:" + gatehouse.port();
            FirstStart.run(gatehouse.control(), dir, url, List.of("gatehouse-mock", "gatehouse-mock-slow"),
                    new PrintWriter(first, true), true);
            Matcher virtual = VIRTUAL.matcher(first.toString());
            assertTrue(virtual.find() && ADMIN.matcher(first.toString()).find(), first.toString());
            chatKey = virtual.group();
            HttpResponse<String> chat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(url + "/v1/chat/completions")).header("authorization", "Bearer " + chatKey)
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gatehouse-mock\",\"messages\":"
                            + "[{\"role\":\"user\",\"content\":\"Hello\"}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
            assertTrue(first.toString().contains("curl " + url + "/v1/chat/completions -H 'authorization: Bearer "
                    + chatKey + "'"), "the printed curl line is the one just used");
        }
        Path file = dir.resolve(FirstStart.FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains(chatKey));

        StringWriter second = new StringWriter();
        try (ControlPlane control = ControlPlane.open(StoreSettings.embedded(dir), Optional.empty(),
                Duration.ofSeconds(1))) {
            FirstStart.run(control, dir, "http://127.0.0.1:4000", List.of("gatehouse-mock"),
                    new PrintWriter(second, true), true);
            assertEquals(1, control.adminKeys().list().size(), "no second set of keys");
        }
        assertFalse(second.toString().contains("gtw_"), "the keys are shown once: " + second);
        assertTrue(second.toString().contains(FirstStart.FILE), second.toString());
    }

    @Test
    void outputThatIsNotATerminalGetsTheFilesPathAndNoKey(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        try (ControlPlane control = ControlPlane.open(StoreSettings.embedded(dir), Optional.empty(),
                Duration.ofSeconds(1))) {
            FirstStart.run(control, dir, "http://127.0.0.1:4000", List.of("gatehouse-mock"),
                    new PrintWriter(out, true), false);
            assertEquals(1, control.adminKeys().list().size(), "the keys are made all the same");
        }
        String printed = out.toString();
        assertFalse(printed.contains("gtw_"), "no secret in redirected output: " + printed);
        Path file = dir.resolve(FirstStart.FILE);
        assertTrue(printed.contains(file.toString()), printed);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String kept = Files.readString(file);
        assertTrue(VIRTUAL.matcher(kept).find() && ADMIN.matcher(kept).find(), kept);
    }
}
