package dev.gatehouse.server.cli;

import dev.gatehouse.server.http.GatewayServer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gatehouse serve}: start the HTTP server and wait until the process is told to stop. */
@Command(name = "serve", description = "Start the gateway.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host;

    @Option(names = "--port", defaultValue = "4000",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            spec.commandLine().getErr().println("--port must be between 0 and 65535, got " + port);
            return 2;
        }
        GatewayServer server = GatewayServer.start(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gatehouse-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String url = "http://" + host + ":" + server.port();
        out.println("Gatehouse " + BuildInfo.version() + " listening on " + url);
        out.println("Try: curl " + url + "/health/liveness");
        out.flush();
        server.awaitStop();
        return 0;
    }
}
