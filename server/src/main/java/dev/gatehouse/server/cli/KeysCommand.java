package dev.gatehouse.server.cli;

import dev.gatehouse.json.Json;
import dev.gatehouse.server.ControlPlane;
import dev.gatehouse.server.audit.Actor;
import dev.gatehouse.server.auth.Endpoint;
import dev.gatehouse.server.auth.Issued;
import dev.gatehouse.server.auth.KeyDraft;
import dev.gatehouse.server.auth.Limits;
import dev.gatehouse.server.auth.VirtualKey;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gatehouse keys}: virtual keys from the command line, for scripts and set-up (the admin
 * API does the same, and more, while a gateway runs). Works on a store no running gateway holds
 * open: PostgreSQL, or the embedded database while Gatehouse is stopped.
 */
@Command(name = "keys", mixinStandardHelpOptions = true, versionProvider = BuildInfo.class,
        description = "Create, list, rotate and revoke virtual keys.")
final class KeysCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing subcommand: create, list, rotate or revoke");
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a virtual key and print its secret once.")
    int create(@Parameters(paramLabel = "NAME", description = "A label for the key.") String name,
            @Option(names = "--models", split = ",", required = true, paramLabel = "MODEL",
                    description = "Models or access groups it may use, comma-separated; * for all.") List<String> models,
            @Option(names = "--endpoints", split = ",", paramLabel = "ENDPOINT",
                    description = "chat, messages, embeddings, images, audio, rerank, models (default: all).")
            List<String> endpoints,
            @Option(names = "--team", paramLabel = "TEAM_ID", description = "The owning team.") String team,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Set<Endpoint> allowed = EnumSet.noneOf(Endpoint.class);
        for (String endpoint : endpoints == null ? List.<String>of() : endpoints) {
            allowed.add(Endpoint.fromWire(endpoint.strip()).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "unknown endpoint '" + endpoint + "'")));
        }
        try (ControlPlane control = store.open()) {
            Issued<VirtualKey> issued = control.keys().createKey(new KeyDraft(name, team, models, allowed, List.of(),
                    null, Limits.NONE, Json.object()), Actor.CLI);
            out.println("Virtual key " + issued.key().id() + " (shown once):");
            out.println(issued.secret());
            return 0;
        } catch (RuntimeException e) {
            err.println("gatehouse keys create: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List virtual keys (never their secrets).")
    int list(@Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlPlane control = store.open()) {
            // Keys imported from LiteLLM: until when their sk-... secret works (docs/migrating-from-litellm.md).
            java.util.Map<String, Long> liteLlm = control.keys().openLiteLlmSecrets();
            out.printf("%-28s %-24s %-8s %-30s %-24s %s%n", "ID", "NAME", "STATUS", "TEAM", "LITELLM SECRET UNTIL",
                    "MODELS");
            for (VirtualKey key : control.keys().keys()) {
                Long until = liteLlm.get(key.id());
                out.printf("%-28s %-24s %-8s %-30s %-24s %s%n", key.id(), key.name(), key.status().wireName(),
                        key.teamId() == null ? "-" : key.teamId(), until == null ? "-" : Instant.ofEpochMilli(until),
                        String.join(",", key.models()));
            }
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gatehouse keys list: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true, description = {
            "Give a key a new secret and print it once; its current secrets (a LiteLLM sk-... one too) keep",
            "working for the grace period, then stop."})
    int rotate(@Parameters(paramLabel = "KEY_ID") String id,
            @Option(names = "--grace-hours", paramLabel = "HOURS", defaultValue = "24",
                    description = "How long the current secrets keep working, 0 to 720 (default: ${DEFAULT-VALUE}).")
            long graceHours,
            @Mixin StoreOptions store) {
        PrintWriter out = spec.commandLine().getOut();
        try (ControlPlane control = store.open()) {
            Issued<VirtualKey> issued = control.keys().rotateKey(id, java.time.Duration.ofHours(graceHours),
                    Actor.CLI);
            out.println("New secret for " + issued.key().id() + " (shown once; the current ones work for "
                    + graceHours + " more hours):");
            out.println(issued.secret());
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gatehouse keys rotate: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a virtual key now.")
    int revoke(@Parameters(paramLabel = "KEY_ID") String id, @Mixin StoreOptions store) {
        try (ControlPlane control = store.open()) {
            VirtualKey key = control.keys().revokeKey(id, Actor.CLI);
            spec.commandLine().getOut().println("Revoked " + key.id() + " at "
                    + Instant.ofEpochMilli(key.revokedAt()) + ".");
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("gatehouse keys revoke: " + e.getMessage());
            return 1;
        }
    }
}
