package dev.gatehouse.server.cli;

import dev.gatehouse.provider.Deployment;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.config.ServerSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: start the gateway and serve until the process is told to stop. */
@Command(name = "serve", description = "Start the gateway.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on (0 picks a free one); overrides the configuration.")
    private Integer port;

    @Override
    public Integer call() throws InterruptedException {
        if (port != null && (port < 0 || port > 65535)) {
            spec.commandLine().getErr().println("--port must be between 0 and 65535, got " + port);
            return 2;
        }
        ServerSettings defaults = ServerSettings.defaults();
        ServerSettings settings = new ServerSettings(defaults.host(), port != null ? port : defaults.port(),
                defaults.maxBodyBytes(), defaults.maxMessages(), defaults.maxHeaderBytes(), defaults.drainTimeout());
        GatehouseConfig config = new GatehouseConfig(settings, List.of(
                Deployment.builder("gatehouse-mock", "mock").build(),
                Deployment.builder("gatehouse-mock-slow", "mock").options(Map.of("stream_delay_ms", "50")).build()),
                Set.of());
        Gatehouse gatehouse = Gatehouse.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String url = "http://" + settings.host() + ":" + gatehouse.port();
        out.println("Gatehouse " + BuildInfo.version() + " listening on " + url);
        out.println("Try: curl " + url + "/v1/chat/completions -H 'content-type: application/json' "
                + "-d '{\"model\":\"gatehouse-mock\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        out.flush();
        gatehouse.awaitStop();
        return 0;
    }
}
