package dev.gatehouse.server.cli;

import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.Gatehouse;
import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.ConfigProblem;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.logging.ConsoleLog;
import dev.gatehouse.server.selfcheck.ProcessUser;
import dev.gatehouse.server.selfcheck.RunningJar;
import dev.gatehouse.server.selfcheck.StartCheck;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse serve}: start the gateway and serve until the process is told to stop.
 * Without {@code --config} it serves the embedded defaults: the mock provider on 127.0.0.1, with
 * an admin key and a virtual key made at first start (see {@link FirstStart}). Before anything
 * starts it refuses to run as root ({@code --allow-root} overrides) and checks the jar it runs from
 * ({@code --skip-self-check} overrides; docs/supply-chain.md).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Start the gateway.")
final class ServeCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(ServeCommand.class.getName());

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (0 picks a free one); overrides the configuration.")
    private Integer port;

    @Option(names = "--allow-root", description = "Start even when running as root (logged as a warning); without it"
            + " serve refuses to.")
    private boolean allowRoot;

    @Option(names = "--skip-self-check", description = "Start even when the jar does not match the hashes its build"
            + " recorded, or its SBOM (logged as a warning naming what failed); without it serve refuses to.")
    private boolean skipSelfCheck;

    /** Its --config option names the file served, and the store it names. */
    @Mixin
    private StoreOptions store;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Path config = store.config();
        if (port != null && (port < 0 || port > 65535)) {
            err.println("gatehouse serve: --port must be between 0 and 65535, got " + port);
            return 2;
        }
        if (config != null && !Files.isRegularFile(config)) {
            err.println("gatehouse serve: no such file: " + config);
            return 2;
        }
        if (ProcessUser.isRoot()) {
            if (!allowRoot) {
                err.println("gatehouse serve: refusing to run as root: a gateway needs no privilege, and one that"
                        + " holds upstream credentials should have none. Run it as a user of its own"
                        + " (docs/deployment.md), or pass --allow-root to start anyway.");
                return 1;
            }
            LOG.log(System.Logger.Level.WARNING, "running as root, because --allow-root was given");
        }
        Optional<Path> jar = RunningJar.locate(ServeCommand.class);
        List<String> failed = StartCheck.run(jar, skipSelfCheck);
        if (!failed.isEmpty()) {
            err.println("gatehouse serve: " + jar.orElseThrow() + " is not what the Gatehouse build made; nothing was"
                    + " started:");
            failed.forEach(line -> err.println("  " + line));
            err.println("Get a genuine jar (docs/supply-chain.md), or pass --skip-self-check to start anyway.");
            return 1;
        }
        ControlPlane control;
        try {
            control = store.open();
        } catch (RuntimeException e) {
            err.println("gatehouse serve: " + e.getMessage());
            return 1;
        }
        ConfigLoader loader = ConfigLoader.system().withStoredSecrets(name -> control.requireVault().get(name));
        ConfigLoader.Loaded loaded = config == null ? loader.embeddedDefaults() : loader.load(config);
        loaded.warnings().forEach(warning -> err.println("warning: " + warning));
        if (!loaded.ok()) {
            for (ConfigProblem problem : loaded.problems()) {
                err.println(problem.location() + ": " + problem.message());
            }
            err.println("gatehouse serve: " + config + " has " + loaded.problems().size()
                    + " problem(s); nothing was started.");
            control.close();
            return 1;
        }
        err.flush();
        // From here on the log is written as the file's logging: section says (a reload keeps it).
        ConsoleLog.apply(loaded.config().observability().logging());
        GatehouseConfig chosen = withPort(loaded.config());
        // POST /admin/config/reload reads the same file again, with the same --port.
        Supplier<ConfigLoader.Loaded> reread = config == null ? null : () -> {
            ConfigLoader.Loaded again = loader.load(config);
            return again.ok() ? new ConfigLoader.Loaded(withPort(again.config()), again.problems(), again.warnings())
                    : again;
        };
        // The jar is hashed once, here, for the build-info metric; its SBOM is served at /admin/sbom.
        Gatehouse gatehouse = Gatehouse.start(chosen, control, reread, jar.map(RunningJar::at));
        Runtime.getRuntime().addShutdownHook(new Thread(gatehouse::close, "gatehouse-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        String url = "http://" + hostForUrl(chosen.server().host()) + ":" + gatehouse.port();
        out.println("Gatehouse " + BuildInfo.version() + " listening on " + url);
        String adminUrl = chosen.server().adminPort() == null ? url
                : "http://" + hostForUrl(chosen.server().adminHost()) + ":" + gatehouse.adminPort();
        if (chosen.server().adminPort() != null) {
            out.println("Admin API on " + adminUrl);
        }
        if (chosen.console().enabled()) {
            out.println("Admin console on " + adminUrl + "/ui");
        }
        out.println("Store: " + store.storeSettings().describe());
        if (config == null) {
            FirstStart.run(control, store.dataDir(), url,
                    chosen.deployments().stream().map(d -> d.model()).distinct().toList(), out,
                    FirstStart.standardOutputIsTerminal());
        } else if (!control.adminKeys().hasOwner()) {
            out.println("No admin key exists yet: make the first one with 'gatehouse admin bootstrap'"
                    + " (with the same store options).");
        }
        out.flush();
        gatehouse.awaitStop();
        return 0;
    }

    private GatehouseConfig withPort(GatehouseConfig loaded) {
        if (port == null) {
            return loaded;
        }
        return loaded.withServer(loaded.server().withPort(port));
    }

    /** An address a curl line can use: the unspecified address becomes loopback, IPv6 gets brackets. */
    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) {
            return "127.0.0.1";
        }
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
